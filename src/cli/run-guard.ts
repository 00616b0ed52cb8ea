import type Docker from "dockerode";
import type { SubmissionResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { releaseBuildCache } from "../runtime/created-images.js";
import { engineAddress, engineLostHelp, probeEngine } from "../runtime/docker-client.js";
import type { EngineIdentity } from "../runtime/engine-identity.js";
import { EngineWatch, isConnectionError, type EngineOutage } from "../runtime/engine-watch.js";
import { removeRunObjects } from "../runtime/journal-cleanup.js";
import { wasInterrupted } from "../runtime/interrupts.js";
import { readJournal } from "../runtime/journal-records.js";
import { RunJournal } from "../runtime/run-journal.js";
import { leftObjectsHelp } from "./left-objects-help.js";

export interface RunGuardOptions {
  notice: (text: string) => void;
  lang: Lang;
  /** How long a batch waits for a lost engine before it goes on (the rest then ends in error). */
  engineWaitMs: number;
}

/**
 * What keeps a run safe when the engine fails under it: the run journal (what was created, for
 * `dockgrade clean`), a watch on the engine (a grading that overlapped an outage is an error, not
 * a verdict; the batch waits for the engine before the next submission), and the end of the run
 * (the build cache released, what a dead engine kept removed once it answers, the journal closed).
 */
export class RunGuard {
  readonly journal: RunJournal;
  private readonly watch: EngineWatch;
  private readonly endedAt = new Map<SubmissionResult, number>();
  private waiting?: { outage: EngineOutage; done: Promise<void> };
  private readonly endpoint = engineAddress();

  /**
   * `identity`: the engine's, being read (/info can take a few hundred milliseconds on a busy
   * engine: the run does not wait for it; the journal gets it when it comes).
   */
  constructor(
    private readonly docker: Docker,
    readonly runId: string,
    identity: Promise<EngineIdentity>,
    private readonly options: RunGuardOptions,
  ) {
    this.journal = RunJournal.open(runId, { endpoint: this.endpoint }, options.notice);
    void identity.then((engine) => this.journal.write({ t: "engine", engine }));
    this.watch = new EngineWatch(docker).start();
  }

  /** Before each submission: while the engine does not answer, wait for it (every worker on the same wait, once per outage). */
  async beforeStart(): Promise<void> {
    // Once interrupted nothing new starts: the clean-ups under way must not race new sessions.
    if (wasInterrupted()) return new Promise<void>(() => undefined);
    if (this.watch.answering) return;
    const outage = this.watch.outages.at(-1)!;
    if (this.waiting?.outage !== outage) this.waiting = { outage, done: this.waitFor() };
    await this.waiting.done;
  }

  private async waitFor(): Promise<void> {
    const { lang, engineWaitMs, notice } = this.options;
    const seconds = Math.round(engineWaitMs / 1000);
    notice(
      lang === "fr"
        ? `Le moteur Docker ne répond plus à ${this.endpoint} : attente de son retour (${seconds} s au plus) avant la suite.\n`
        : `The Docker engine stopped answering at ${this.endpoint}: waiting up to ${seconds} s for it before going on.\n`,
    );
    const back = await this.watch.waitUntilAnswering(engineWaitMs);
    notice(
      back
        ? lang === "fr"
          ? "Le moteur répond de nouveau : la correction reprend.\n"
          : "The engine answers again: grading goes on.\n"
        : lang === "fr"
          ? "Le moteur ne répond toujours pas : les rendus restants finissent en erreur (relancer la même commande les corrige).\n"
          : "The engine still does not answer: the remaining submissions end in error (the same command, run again, grades them).\n",
    );
  }

  /**
   * A submission ended. A grading that overlapped an outage becomes an error naming the engine,
   * whatever its checks said; one whose requests could not connect has the engine asked at once
   * (the end of the batch looks again at what overlapped an outage found that way).
   */
  judge(result: SubmissionResult): void {
    this.endedAt.set(result, Date.now());
    if (result.status === "error" && isConnectionError(result.error ?? "")) this.watch.pingNow();
    this.markIfInterrupted(result);
  }

  private markIfInterrupted(result: SubmissionResult): boolean {
    const ended = this.endedAt.get(result);
    if (ended === undefined) return false;
    const outage = this.watch.overlapping(ended - result.durationMs, ended);
    if (!outage || result.error?.startsWith("the Docker engine")) return false;
    result.status = "error";
    result.error = `the Docker engine stopped answering at ${this.endpoint} during this grading (${outage.cause}); it is graded again on the next run`;
    return true;
  }

  /**
   * Once the batch is over, the engine asked once more: results whose overlap with an outage is
   * known only now (the last grading's requests failed just before). True for each changed.
   */
  async recheck(results: SubmissionResult[]): Promise<boolean[]> {
    await this.watch.pingNow();
    return results.map((result) => this.markIfInterrupted(result));
  }

  get engineWasLost(): boolean {
    return this.watch.outages.length > 0;
  }

  /**
   * Ends the run: releases the build cache, and when something may have been left (the engine was
   * lost, or a grading ended in error) removes what the journal lists. The journal goes when
   * nothing is left; otherwise the user is told what is left and which `clean` removes it.
   */
  async finish(results: SubmissionResult[], keepCache: boolean): Promise<void> {
    this.watch.stop();
    if (!(await probeEngine(this.docker))) {
      this.options.notice(`${engineLostHelp(this.runId)}\n`);
      this.journal.close(1);
      return;
    }
    if (!keepCache) await releaseBuildCache(this.docker);
    const mayHaveLeft = this.engineWasLost || results.some((result) => result.status === "error");
    if (!mayHaveLeft) return this.journal.close(0);
    const record = this.journal.file ? await readJournal(this.journal.file) : undefined;
    const outcome = await removeRunObjects(this.docker, this.runId, record, { keepCache });
    if (outcome.left.length > 0) this.options.notice(leftObjectsHelp(outcome, this.runId));
    this.journal.close(outcome.left.length);
  }

  /** After Ctrl-C, once the sessions removed what they made: the build cache, what is left, the journal. */
  async interrupted(): Promise<void> {
    this.watch.stop();
    if (!(await probeEngine(this.docker, 2000))) return this.journal.close(1);
    await releaseBuildCache(this.docker);
    const record = this.journal.file ? await readJournal(this.journal.file) : undefined;
    const outcome = await removeRunObjects(this.docker, this.runId, record);
    this.journal.close(outcome.left.length);
  }
}
