import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import type { BuildStep } from "./build-step-reader.js";
import type { EngineIdentity } from "./engine-identity.js";
import { journalDirs, journalFileName } from "./journal-location.js";

/**
 * One line of a run journal. Objects are written as the engine creates them, before anything
 * could go wrong with them: a process or an engine that dies leaves a list of what to remove.
 */
export type JournalEntry =
  | {
      t: "run";
      runId: string;
      at: string;
      pid: number;
      host: string;
      cwd: string;
      /** The address at once; the identity when it was known at the start (else an `engine` line follows). */
      engine: Pick<EngineIdentity, "endpoint"> & Partial<EngineIdentity>;
    }
  /** The engine's identity, read (/info) while the run had already started. */
  | { t: "engine"; engine: EngineIdentity }
  /** A submission's session: every name it gives starts with `namespace`; `containers` are named up front. */
  | { t: "session"; session: string; namespace: string; containers: string[] }
  /** A container: a build step's (not labelled) or one the session created (labelled too). */
  | { t: "container"; session: string; id: string; role: "step" | "inspector" }
  /** An image a build made: `own` from the session's label step on, `cache` before it (shared build cache). */
  | { t: "image"; session: string; id: string; role: "own" | "cache" }
  /** The run ended; `left` objects could not be removed. */
  | { t: "end"; at: string; left: number };

/** What one submission's runtime writes to the journal. */
export interface SessionJournal {
  step(step: BuildStep): void;
  container(id: string, role: "step" | "inspector"): void;
}

/** A shared folder (the temporary one) could be another user's trap: write only in one's own. */
function requireOwnFolder(dir: string): void {
  const stats = lstatSync(dir);
  if (stats.isSymbolicLink() || (process.getuid && stats.uid !== process.getuid()))
    throw new Error(`${dir} is not this user's own folder`);
}

const NO_SESSION: SessionJournal = { step: () => undefined, container: () => undefined };

/**
 * The run journal: an append-only JSON-lines file, `<state dir>/runs/<run id>.jsonl` (see
 * journal-location). Each entry is written with one write(2) as the object appears, so that it
 * survives the process and the engine; the data is flushed to the disk (fdatasync) at most once a
 * second in the background, so that a machine crash loses at most the last second. A run that
 * ends with nothing left deletes its journal; otherwise `dockgrade clean` reads it.
 */
export class RunJournal {
  private syncing = false;
  private dirty = false;
  private lastSync = 0;
  private flushTimer?: NodeJS.Timeout;

  private constructor(
    readonly runId: string,
    /** Undefined when journalling is off or the journal could not be written. */
    readonly file: string | undefined,
    private fd: number | undefined,
    /** False when an earlier run with the same id left this file: it is kept at the end. */
    private readonly ownsFile: boolean,
  ) {}

  /** A journal that records nothing (library use, tests, or a state folder that cannot be written). */
  static none(runId = ""): RunJournal {
    return new RunJournal(runId, undefined, undefined, false);
  }

  /**
   * Opens the run's journal in the first state folder that can be written; without one, grading
   * goes on unjournalled (the labels still name most objects) and `warn` says so.
   */
  static open(
    runId: string,
    engine: Pick<EngineIdentity, "endpoint"> & Partial<EngineIdentity>,
    warn?: (text: string) => void,
  ): RunJournal {
    const failures: string[] = [];
    for (const dir of journalDirs()) {
      const file = join(dir, journalFileName(runId));
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        requireOwnFolder(dirname(dir));
        const existed = statSync(file, { throwIfNoEntry: false }) !== undefined;
        const journal = new RunJournal(runId, file, openSync(file, "a", 0o600), !existed);
        journal.write({
          t: "run",
          runId,
          at: new Date().toISOString(),
          pid: process.pid,
          host: hostname(),
          cwd: process.cwd(),
          engine,
        });
        return journal;
      } catch (error) {
        failures.push(`${dir}: ${(error as Error).message}`);
      }
    }
    warn?.(`dockgrade: no run journal (${failures.join("; ")}): \`dockgrade clean\` will rely on labels only\n`);
    return RunJournal.none(runId);
  }

  get enabled(): boolean {
    return this.fd !== undefined;
  }

  write(entry: JournalEntry): void {
    if (this.fd === undefined) return;
    try {
      writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    } catch {
      // A full disk must not stop the grading: the labels still name most objects.
      return;
    }
    this.dirty = true;
    this.flushSoon();
  }

  /** One fdatasync at a time, at most once a second, in the background: never on the grading's path. */
  private flushSoon(): void {
    if (this.syncing || this.flushTimer || this.fd === undefined) return;
    const wait = Math.max(0, 1000 - (Date.now() - this.lastSync));
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      if (this.fd === undefined || !this.dirty) return;
      this.syncing = true;
      this.dirty = false;
      this.lastSync = Date.now();
      fdatasync(this.fd, () => {
        this.syncing = false;
        if (this.dirty) this.flushSoon();
      });
    }, wait).unref();
  }

  session(sessionId: string, names: { namespace: string; containers: string[] }): SessionJournal {
    if (!this.enabled) return NO_SESSION;
    this.write({ t: "session", session: sessionId, ...names });
    return {
      step: (step) =>
        this.write(
          step.kind === "container"
            ? { t: "container", session: sessionId, id: step.id, role: "step" }
            : { t: "image", session: sessionId, id: step.id, role: step.own ? "own" : "cache" },
        ),
      container: (id, role) => this.write({ t: "container", session: sessionId, id, role }),
    };
  }

  /**
   * Ends the journal: deleted when the run left nothing (and no earlier run with the same id
   * left anything in it), kept for `dockgrade clean` otherwise.
   */
  close(left: number): void {
    if (this.fd === undefined) return;
    this.write({ t: "end", at: new Date().toISOString(), left });
    clearTimeout(this.flushTimer);
    if (left > 0) fdatasyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
    if (left === 0 && this.ownsFile && this.file) unlinkSync(this.file);
  }
}
