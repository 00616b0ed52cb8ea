import { localized, type Localized } from "../i18n.js";
import { BuildFailed } from "../runtime/submission-build.js";
import { CommandFileMissing } from "../runtime/learner-command-session.js";
import type { SubmissionRuntime } from "../runtime/submission-runtime.js";
import {
  CheckSkipped,
  type CommandRun,
  type ContainerContext,
  type DockerfileModel,
  type ExecResult,
  type ImageFacts,
  type ImageFile,
  type LayerFiles,
  type OtherState,
  type OtherStateKind,
  type RebuildReport,
  type RunningContainer,
} from "./context.js";
import type { SubmissionFiles } from "./submission-files.js";

/**
 * The grading context of one submission: what checks read, taken from the runtime, with the
 * learner-facing words for what could not be read (a failed build, a missing command file, a
 * container that stopped).
 */
export class SubmissionContext implements ContainerContext {
  private base?: Promise<ImageFacts | undefined>;

  constructor(
    private readonly files: SubmissionFiles,
    private readonly runtime: SubmissionRuntime,
    private readonly commandFileRequired: boolean,
  ) {}

  get submissionDir(): string {
    return this.files.submissionDir;
  }

  dockerfile(): DockerfileModel {
    return this.files.dockerfile();
  }

  readSubmissionFile(path: string): Promise<string | undefined> {
    return this.files.readSubmissionFile(path);
  }

  async image(): Promise<ImageFacts> {
    this.dockerfile();
    try {
      return await this.runtime.build.image();
    } catch (error) {
      if (!(error instanceof BuildFailed)) throw error;
      const { outcome } = error;
      if (outcome.fault === "engine") throw new Error(`the engine failed during the build: ${outcome.error}`);
      const why = outcome.error ? outcome.error.split("\n")[0] : undefined;
      throw new CheckSkipped(
        localized(
          `l'image n'a pas pu être construite${why ? ` : ${why}` : ""} (voir le journal de construction).`,
          `the image could not be built${why ? `: ${why}` : ""} (see the build log).`,
        ),
      );
    }
  }

  baseImage(): Promise<ImageFacts | undefined> {
    this.base ??= this.image().then(() => this.runtime.build.baseImage());
    return this.base;
  }

  async findImage(learnerRef: string): Promise<ImageFacts | undefined> {
    await this.commandRuns();
    return this.runtime.build.learnerImage(learnerRef);
  }

  async lookupImage(ref: string): Promise<ImageFacts | undefined> {
    await this.commandRuns().catch(() => undefined);
    return this.runtime.build.imageByReference(ref);
  }

  async commandRuns(): Promise<CommandRun[] | undefined> {
    try {
      return await this.runtime.commands.runFile();
    } catch (error) {
      if (!(error instanceof CommandFileMissing)) throw error;
      if (!this.commandFileRequired) return undefined;
      throw new CheckSkipped(
        localized(
          `le fichier \`${error.file}\` est absent du dossier rendu.`,
          `\`${error.file}\` is missing from the submission.`,
        ),
      );
    }
  }

  async imageFile(path: string): Promise<ImageFile | undefined> {
    await this.image();
    return this.runtime.build.file(path);
  }

  async imageLayerFiles(scope: "all" | "added" = "all"): Promise<LayerFiles[]> {
    await this.image();
    return this.runtime.build.layerFiles(await this.baseImage(), scope);
  }

  async rebuildAfterChange(change: { file: string; append: string }): Promise<RebuildReport> {
    await this.image();
    return this.runtime.build.rebuildAfterChange(change);
  }

  async runInNewContainer(
    argv: string[],
    options: { user?: string; env?: Record<string, string>; timeoutMs: number },
  ): Promise<ExecResult> {
    await this.image();
    return this.runtime.build.runCommand(argv, options);
  }

  async container(): Promise<RunningContainer> {
    await this.image();
    return this.runtime.container.running();
  }

  async runLearnerCommand(text: string): Promise<CommandRun> {
    return this.runtime.commands.runLine(text);
  }

  async otherState(kind: OtherStateKind): Promise<OtherState> {
    await this.image();
    const { otherStates, commands, build } = this.runtime;
    const state = kind === "never-started" ? await otherStates.neverStarted() : await otherStates.startedLater();
    return {
      container: state.container,
      image: async () => (state.imageId ? ((await build.imageById(state.imageId)) ?? this.image()) : this.image()),
      runLearnerCommand: (text) => commands.runLine(text, state.isolation),
    };
  }

  /** Why the shared container cannot be read, when it has stopped: exit code, OOM, disk, last log lines. */
  async stoppedContainer(): Promise<Localized | undefined> {
    const stop = await this.runtime.container.stop();
    if (!stop) return undefined;
    const tail = stop.lastLines.join(" | ");
    const disk = stop.diskLimit;
    const why = disk
      ? {
          fr: ` : le conteneur a écrit ${disk.writtenMb} Mo, plus que la limite de ${disk.limitMb} Mo : il a été arrêté`,
          en: `: the container wrote ${disk.writtenMb} MB, over the ${disk.limitMb} MB limit: it was stopped`,
        }
      : { fr: "", en: "" };
    const oom = stop.oomKilled ? { fr: " (mémoire épuisée)", en: " (out of memory)" } : { fr: "", en: "" };
    return localized(
      `Le conteneur s'est arrêté (état ${stop.status}, code ${stop.exitCode})${oom.fr}${why.fr}${tail ? ` ; dernières lignes : ${tail}` : ""}.`,
      `The container stopped (status ${stop.status}, exit code ${stop.exitCode})${oom.en}${why.en}${tail ? `; last lines: ${tail}` : ""}.`,
    );
  }
}
