import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { CommandRun } from "../grading/context.js";
import { keepUntilRunEnds, removeOwnImage } from "./created-images.js";
import { buildLabels } from "./labels.js";
import { runLearnerCommandLine, runLearnerCommands, type CommandEnvironment } from "./learner-commands.js";
import type { BuildScope, SubmissionBuild } from "./submission-build.js";

/** The learner's command file is named by the exercise but absent from the submission. */
export class CommandFileMissing extends Error {
  constructor(readonly file: string) {
    super(`${file} is missing from the submission`);
  }
}

/**
 * The docker commands the learner wrote: their command file, run once after the build, and
 * single lines (answers) run on demand. Images their own `docker build` makes go on the stack.
 */
export class LearnerCommandSession {
  private fileRuns?: Promise<CommandRun[] | undefined>;

  constructor(
    private readonly scope: BuildScope,
    private readonly build: SubmissionBuild,
  ) {}

  /** The command file's lines and what each did; undefined when the exercise has no command file. */
  runFile(): Promise<CommandRun[] | undefined> {
    this.fileRuns ??= this.scope.track(
      (async () => {
        const file = this.scope.plan.commandFile;
        if (!file) return undefined;
        const text = await readFile(join(this.scope.plan.submissionDir, file), "utf8").catch(() => undefined);
        if (text === undefined) throw new CommandFileMissing(file);
        await this.build.build();
        return runLearnerCommands(text, this.environment());
      })(),
    );
    return this.fileRuns;
  }

  /**
   * One line the learner wrote (an answer), run after their command file; `isolation` maps the
   * learner's names to other objects (another state of their container).
   */
  async runLine(text: string, isolation = this.scope.isolation): Promise<CommandRun> {
    await this.runFile().catch(() => undefined);
    return this.scope.track(runLearnerCommandLine(text, this.environment(isolation)));
  }

  private environment(isolation = this.scope.isolation): CommandEnvironment {
    const { plan, sessionId, signal, stack, docker } = this.scope;
    const contextDir = resolve(plan.submissionDir, plan.build.context);
    return {
      submissionDir: plan.submissionDir,
      isolation,
      buildLabels: buildLabels(plan.runId, sessionId),
      timeoutMs: plan.limits.commandSeconds * 1000,
      outputLimitBytes: plan.limits.outputKb * 1024,
      signal,
      onBuildStep: (step) => this.scope.journal.step(step),
      recordCreatedImages: (created) => {
        stack.defer(async () => {
          for (const id of [...created.own].reverse()) await removeOwnImage(docker, id, `dockgrade-${sessionId}`);
          keepUntilRunEnds(created.shared);
        });
        this.learnerBuilds += 1;
      },
      isGraderBuild: async (context, dockerfile) =>
        resolve(plan.submissionDir, context) === contextDir &&
        resolve(plan.submissionDir, context, dockerfile ?? "Dockerfile") === this.build.dockerfilePath,
      tagImage: (source, target) => this.build.tagIsolated(source, target),
      tagGraderBuild: async (isolatedRefs) => {
        const outcome = await this.build.build();
        if (!outcome.ok || !outcome.imageId) throw new Error(outcome.log.slice(-5).join("\n"));
        for (const ref of isolatedRefs) await this.build.tagIsolated(outcome.imageId, ref);
        return [
          `Successfully built ${outcome.imageId.replace("sha256:", "").slice(0, 12)}`,
          ...isolatedRefs.map((ref) => `Successfully tagged ${ref}`),
        ].join("\n");
      },
    };
  }

  /** Builds the learner's own `docker build` lines made (the grader's build, reused, not counted). */
  learnerBuilds = 0;
}
