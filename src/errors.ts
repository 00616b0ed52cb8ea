/**
 * The few errors that stop grading before any verdict. Only the CLI entry point catches them
 * and maps them to exit code 2; a learner's mistake is never one of these, it is a failed check.
 */
export class DockgradeError extends Error {
  override readonly name: string = "DockgradeError";
}

/** An exercise spec that cannot be read: the message names the file, line and field. */
export class SpecError extends DockgradeError {
  override readonly name = "SpecError";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.join("\n"));
  }
}

/** No Docker engine answers; the message says how to start one. */
export class EngineUnavailableError extends DockgradeError {
  override readonly name = "EngineUnavailableError";
}

/** The command line asks for something that cannot be done (missing folder, bad option). */
export class UsageError extends DockgradeError {
  override readonly name = "UsageError";
}

/** Grading was stopped by SIGINT/SIGTERM; everything created has been removed. */
export class InterruptedError extends DockgradeError {
  override readonly name = "InterruptedError";
}
