import { z } from "zod";
import type { ExecResult } from "../../src/grading/context.js";
import { failed, passed, type CheckOutcome } from "../../src/grading/grader.js";
import { localized, type Localized } from "../../src/i18n.js";
import { tail } from "./container-excerpt.js";
import { regexOption } from "./regex-option.js";

/** The options of a check that runs a command: what to run, and what it must print and exit with. */
export const commandOptions = {
  command: z
    .array(z.string().min(1))
    .min(1)
    .describe("Command to run (argv, no shell), e.g. [python, -c, 'import flask']."),
  user: z.string().min(1).optional().describe("User to run it as; the image's user when absent."),
  exitCode: z.number().int().default(0).describe("Expected exit code."),
  stdout: regexOption()
    .optional()
    .describe("Regular expression the standard output (final newline removed) must match."),
  stderr: regexOption().optional().describe("Regular expression the error output (final newline removed) must match."),
  timeoutSeconds: z.number().positive().default(30).describe("Seconds the command may run."),
};

type CommandExpectations = z.infer<z.ZodObject<typeof commandOptions>>;

/** Judges what a command did against what the check expects; `where` says where it ran. */
export function commandVerdict(expected: CommandExpectations, result: ExecResult, where: Localized): CheckOutcome {
  const { command, user, exitCode, stdout, stderr, timeoutSeconds } = expected;
  const shown = `\`${command.join(" ")}\`${user ? ` (--user ${user})` : ""}`;
  const output = `\n  stdout: ${tail(result.stdout)}\n  stderr: ${tail(result.stderr)}`;
  const expectedText = [`exit ${exitCode}`, stdout ? `stdout ~ /${stdout}/` : "", stderr ? `stderr ~ /${stderr}/` : ""]
    .filter(Boolean)
    .join(", ");
  const actual = result.timedOut ? `timeout ${timeoutSeconds} s` : `exit ${result.exitCode}`;
  if (result.timedOut) {
    return failed(
      localized(
        `${shown}, ${where.fr}, ne s'est pas terminée en ${timeoutSeconds} s : attend-elle une entrée, ou l'application est-elle bloquée ?${output}`,
        `${shown}, ${where.en}, did not finish within ${timeoutSeconds} s: does it wait for input, or is the app stuck?${output}`,
      ),
      { expected: expectedText, actual },
    );
  }
  const problems: Localized[] = [];
  // Output is matched without its final newline, so `^app$` matches what `whoami` prints.
  if (result.exitCode !== exitCode) {
    problems.push(
      localized(
        `code de sortie ${result.exitCode}, attendu ${exitCode}`,
        `exit code ${result.exitCode}, expected ${exitCode}`,
      ),
    );
  }
  if (stdout && !new RegExp(stdout).test(result.stdout.trimEnd())) {
    problems.push(
      localized(`la sortie standard ne correspond pas à /${stdout}/`, `standard output does not match /${stdout}/`),
    );
  }
  if (stderr && !new RegExp(stderr).test(result.stderr.trimEnd())) {
    problems.push(
      localized(`la sortie d'erreur ne correspond pas à /${stderr}/`, `error output does not match /${stderr}/`),
    );
  }
  if (problems.length > 0) {
    return failed(
      localized(
        `${shown}, ${where.fr} : ${problems.map((p) => p.fr).join(" ; ")}.${output}`,
        `${shown}, ${where.en}: ${problems.map((p) => p.en).join("; ")}.${output}`,
      ),
      { expected: expectedText, actual },
    );
  }
  return passed(
    localized(
      `${shown}, ${where.fr} : code ${result.exitCode}.`,
      `${shown}, ${where.en}: exit code ${result.exitCode}.`,
    ),
    { expected: expectedText, actual },
  );
}
