import type Docker from "dockerode";
import { resolve } from "node:path";
import { CleanupStack } from "./cleanup-stack.js";
import { LABEL_SESSION, newId, objectLabels } from "./labels.js";
import { LearnerCommandSession } from "./learner-command-session.js";
import { NameIsolation } from "./name-isolation.js";
import { OtherStates } from "./other-states.js";
import type { RuntimePlan } from "./runtime-plan.js";
import type { RunJournal } from "./run-journal.js";
import { removeSessionObjects } from "./session-cleanup.js";
import { SharedContainer } from "./shared-container.js";
import { SubmissionBuild, type BuildScope } from "./submission-build.js";

/**
 * Everything the engine does for one submission, in three lifecycles: the build (and rebuilds),
 * the learner's commands, the shared container. Each part puts what it creates on one clean-up
 * stack; disposing the runtime stops the work under way and removes it all.
 */
export class SubmissionRuntime implements AsyncDisposable {
  readonly sessionId = newId();
  readonly build: SubmissionBuild;
  readonly commands: LearnerCommandSession;
  readonly container: SharedContainer;
  /** The submission's container in other states, for answers that must read the state. */
  readonly otherStates: OtherStates;
  private readonly stack = new CleanupStack();
  private readonly interruption = new AbortController();
  private readonly underway = new Set<Promise<unknown>>();

  /** `journal`: the run's journal, where what the session creates is written as it appears. */
  constructor(docker: Docker, plan: RuntimePlan, journal?: RunJournal) {
    const namespace = `dockgrade-${this.sessionId}`;
    const isolation = new NameIsolation(namespace, `${LABEL_SESSION}=${this.sessionId}`);
    const scope: BuildScope = {
      docker,
      plan: { ...plan, submissionDir: resolve(plan.submissionDir) },
      sessionId: this.sessionId,
      labels: objectLabels(plan.runId, this.sessionId),
      isolation,
      journal: { step: () => undefined, container: () => undefined },
      stack: this.stack,
      signal: this.interruption.signal,
      track: (work) => {
        this.underway.add(work);
        void work.catch(() => undefined).finally(() => this.underway.delete(work));
        return work;
      },
    };
    // The bottom of the stack, so it runs last: whatever carries the session's labels or names,
    // also what a build stopped half-way made before it could report it.
    this.stack.defer(() => removeSessionObjects(docker, { runId: plan.runId, sessionId: this.sessionId }));
    this.build = new SubmissionBuild(scope);
    this.commands = new LearnerCommandSession(scope, this.build);
    this.container = new SharedContainer(scope, this.build);
    // Before anything exists on the engine: the session's namespace and the container it may start.
    if (journal) scope.journal = journal.session(this.sessionId, { namespace, containers: [this.container.name] });
    this.otherStates = new OtherStates(scope, this.build);
    if (plan.container.name) isolation.bindContainer(plan.container.name, this.container.name);
  }

  /** Stops what is still running (a build, a learner command), then removes everything created. Safe to call twice. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.interruption.abort();
    while (this.underway.size > 0) await Promise.allSettled([...this.underway]);
    await this.stack.disposeAsync();
  }

  dispose(): Promise<void> {
    return this[Symbol.asyncDispose]();
  }
}
