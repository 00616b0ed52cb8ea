import type Docker from "dockerode";
import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { StartedTestContainer } from "testcontainers";
import { finalBaseImage, imageReference } from "../dockerfile/parse-dockerfile.js";
import { readDockerfile, type DockerfileState } from "../dockerfile/read-dockerfile.js";
import {
  CheckSkipped,
  type CommandRun,
  type DockerfileModel,
  type GradingContext,
  type ImageFacts,
  type ImageFile,
  type LayerFiles,
  type RebuildReport,
  type RunningContainer,
} from "../grading/context.js";
import { localized, type Localized } from "../i18n.js";
import { summarizeLayers } from "../grading/layer-steps.js";
import type { EngineWork, LayerSummary } from "../grading/result.js";
import type { Exercise, Limits } from "../spec/exercise-schema.js";
import { buildImage, type BuildOutcome, type BuildRequest } from "./build-image.js";
import { readFileFromContainer, readImageLayers } from "./image-contents.js";
import { rebuildAfterChange } from "./rebuild-after-change.js";
import { buildLabels, newId, objectLabels } from "./labels.js";
import { removeSessionObjects } from "./session-cleanup.js";
import { createBuildCgroup, type BuildCgroup } from "./build-cgroup.js";
import { DiskWatch, describeStoppedContainer } from "./container-watch.js";
import { keepUntilRunEnds, type CreatedImages } from "./created-images.js";
import { runLearnerCommandLine, runLearnerCommands, type CommandEnvironment } from "./learner-commands.js";
import { NameIsolation } from "./name-isolation.js";
import { wrapContainer } from "./running-container.js";
import { readImageFacts } from "./image-facts.js";

export interface SessionOptions {
  docker: Docker;
  runId: string;
  exercise: Exercise;
  submissionDir: string;
  limits: Limits;
  /** Network for RUN steps of the build. */
  buildNetwork: "default" | "none";
}

/**
 * testcontainers takes ~0.4 s to load: not before the first feedback, and not during the build
 * either, where it held up the main thread that packs and uploads the context (builds took 0.5 s
 * longer). It loads when the container starts.
 */
const loadSandbox = () => import("./sandboxed-container.js");

/**
 * Everything one submission needs, made at most once and shared by its checks: the static
 * Dockerfile model, one build, the learner's commands, one container. `dispose()` removes every
 * object it created, whatever happened.
 */
export class SubmissionSession implements GradingContext {
  readonly sessionId = newId();
  readonly isolation = new NameIsolation(`dockgrade-${this.sessionId}`);
  readonly labels: Record<string, string>;
  readonly submissionDir: string;
  private readonly buildTag = `dockgrade-${this.sessionId}-build:latest`;
  private dockerfileState?: DockerfileState;
  private building?: Promise<BuildOutcome>;
  private builtImage?: Promise<ImageFacts>;
  private base?: Promise<ImageFacts | undefined>;
  private commands?: Promise<CommandRun[] | undefined>;
  private starting?: Promise<StartedTestContainer>;
  private disposed = false;
  private readonly interruption = new AbortController();
  private readonly learnerBuilt: CreatedImages[] = [];
  private readonly containerName = `dockgrade-${this.sessionId}-main`;
  private inspector?: Promise<Docker.Container>;
  private readonly rebuilds: Promise<BuildOutcome>[] = [];
  private diskWatch?: DiskWatch;
  private buildCgroup?: Promise<BuildCgroup | undefined>;
  /** What the engine was asked to do, and how long builds and start-up took (for timings). */
  readonly work: EngineWork = { builds: 0, containersStarted: 0 };
  buildMs = 0;
  startMs = 0;

  constructor(private readonly options: SessionOptions) {
    this.labels = objectLabels(options.runId, this.sessionId);
    this.submissionDir = resolve(options.submissionDir);
    if (options.exercise.run.name) this.isolation.bindContainer(options.exercise.run.name, this.containerName);
  }

  private get contextDir(): string {
    return resolve(this.submissionDir, this.options.exercise.build.context);
  }

  private get dockerfilePath(): string {
    return resolve(this.submissionDir, this.options.exercise.build.dockerfile);
  }

  /** Reads the Dockerfile once; problems become a reason to skip, reported by the checks. */
  async loadDockerfile(): Promise<void> {
    this.dockerfileState = await readDockerfile(this.dockerfilePath, this.options.exercise.build.dockerfile);
  }

  dockerfile(): DockerfileModel {
    const state = this.dockerfileState;
    if (!state) throw new Error("loadDockerfile() was not called");
    if ("problem" in state) throw new CheckSkipped(state.problem);
    return state.model;
  }

  /** What every build of this submission shares (the first, and a rebuild after a change). */
  private buildRequest(): Omit<BuildRequest, "contextDir" | "tag"> {
    const { limits } = this.options;
    return {
      dockerfile: relative(this.contextDir, this.dockerfilePath),
      labels: buildLabels(this.options.runId, this.sessionId),
      timeoutMs: limits.buildSeconds * 1000,
      contextLimitBytes: limits.contextMb * 1e6,
      diskLimitBytes: limits.diskMb * 1e6,
      cpus: limits.cpus,
      logLimitBytes: limits.outputKb * 1024,
      memoryBytes: limits.memoryMb * 1024 * 1024,
      networkMode: this.options.buildNetwork,
      signal: this.interruption.signal,
    };
  }

  build(): Promise<BuildOutcome> {
    this.building ??= (async () => {
      this.dockerfile();
      this.buildCgroup ??= createBuildCgroup(this.sessionId, this.options.limits.pids);
      const cgroupParent = (await this.buildCgroup)?.parent;
      const outcome = await buildImage(this.options.docker, { ...this.buildRequest(), cgroupParent, contextDir: this.contextDir, tag: this.buildTag });
      this.countBuild(outcome);
      const learnerTag = this.options.exercise.build.tag;
      if (outcome.ok && outcome.imageId && learnerTag) {
        await this.tagImage(outcome.imageId, this.isolation.isolate(learnerTag));
      }
      return outcome;
    })();
    return this.building;
  }

  private countBuild(outcome: BuildOutcome): void {
    this.work.builds += 1;
    this.buildMs += outcome.durationMs;
  }

  /** Gives an image one more name (`repo:tag`; no tag means latest). */
  private async tagImage(imageId: string, ref: string): Promise<void> {
    const { repository, suffix } = NameIsolation.split(ref);
    await this.options.docker.getImage(imageId).tag({ repo: repository, tag: suffix.replace(/^:/, "") || "latest" });
  }

  /** The build, if it was attempted (for the report). */
  get buildAttempt(): Promise<BuildOutcome> | undefined {
    return this.building;
  }

  /** The built image's facts, read once: every image check shares them. */
  image(): Promise<ImageFacts> {
    this.builtImage ??= this.readBuiltImage();
    return this.builtImage;
  }

  private async readBuiltImage(): Promise<ImageFacts> {
    const outcome = await this.build();
    if (outcome.fault === "engine") throw new Error(`the engine failed during the build: ${outcome.error}`);
    if (!outcome.ok || !outcome.imageId) {
      const why = outcome.error ? ` : ${outcome.error.split("\n")[0]}` : "";
      throw new CheckSkipped(localized(`l'image n'a pas pu être construite${why} (voir le journal de construction).`, `the image could not be built${why.replace(" :", ":")} (see the build log).`));
    }
    const facts = await readImageFacts(this.options.docker, outcome.imageId);
    if (!facts) throw new Error(`built image ${outcome.imageId} vanished from the engine`);
    return facts;
  }

  baseImage(): Promise<ImageFacts | undefined> {
    this.base ??= (async () => {
      const from = finalBaseImage(this.dockerfile());
      if (!from || from.image === "scratch") return undefined;
      return readImageFacts(this.options.docker, imageReference(from));
    })();
    return this.base;
  }

  async findImage(learnerRef: string): Promise<ImageFacts | undefined> {
    await this.commandRuns();
    return readImageFacts(this.options.docker, this.isolation.isolate(learnerRef));
  }

  commandRuns(): Promise<CommandRun[] | undefined> {
    this.commands ??= (async () => {
      const spec = this.options.exercise.commands;
      if (!spec) return undefined;
      const text = await readFile(join(this.submissionDir, spec.file), "utf8").catch(() => undefined);
      if (text === undefined) {
        if (spec.required) throw new CheckSkipped(localized(`le fichier \`${spec.file}\` est absent du dossier rendu.`, `\`${spec.file}\` is missing from the submission.`));
        return undefined;
      }
      await this.build();
      return runLearnerCommands(text, this.commandEnvironment());
    })();
    return this.commands;
  }

  async container(): Promise<RunningContainer> {
    this.starting ??= (async () => {
      await this.image();
      const { limits, exercise } = this.options;
      const learnerTag = exercise.build.tag;
      const began = Date.now();
      const { startSandboxedContainer } = await loadSandbox();
      const started = await startSandboxedContainer({
        image: learnerTag ? this.isolation.isolate(learnerTag) : this.buildTag,
        name: this.containerName,
        labels: this.labels,
        limits: { memoryBytes: limits.memoryMb * 1024 * 1024, cpus: limits.cpus, pids: limits.pids },
        ports: exercise.run.ports,
        env: exercise.run.env,
        network: exercise.run.network ?? exercise.run.ports.length > 0,
        startupTimeoutMs: limits.startSeconds * 1000,
      });
      this.startMs = Date.now() - began;
      this.work.containersStarted += 1;
      this.diskWatch = new DiskWatch(this.options.docker, started.getId(), limits.diskMb);
      return started;
    })();
    return wrapContainer(this.options.docker, await this.starting, this.options.limits.outputKb * 1024);
  }

  private commandEnvironment(): CommandEnvironment {
    return {
      submissionDir: this.submissionDir,
      isolation: this.isolation,
      buildLabels: buildLabels(this.options.runId, this.sessionId),
      timeoutMs: this.options.limits.commandSeconds * 1000,
      outputLimitBytes: this.options.limits.outputKb * 1024,
      signal: this.interruption.signal,
      recordCreatedImages: (created) => {
        this.work.builds += 1;
        this.learnerBuilt.push(created);
      },
      isGraderBuild: async (context, dockerfile) =>
        resolve(this.submissionDir, context) === this.contextDir &&
        resolve(this.submissionDir, context, dockerfile ?? "Dockerfile") === this.dockerfilePath,
      tagGraderBuild: async (isolatedRefs) => {
        const outcome = await this.build();
        if (!outcome.ok || !outcome.imageId) throw new Error(outcome.log.slice(-5).join("\n"));
        for (const ref of isolatedRefs) await this.tagImage(outcome.imageId, ref);
        return [`Successfully built ${outcome.imageId.replace("sha256:", "").slice(0, 12)}`, ...isolatedRefs.map((ref) => `Successfully tagged ${ref}`)].join("\n");
      },
    };
  }

  /** Why the shared container cannot be read, when it has stopped (exit code and last log lines). */
  async stoppedContainer(): Promise<Localized | undefined> {
    const started = await this.starting?.catch(() => undefined);
    if (!started) return undefined;
    return describeStoppedContainer(this.options.docker, started, this.options.limits.outputKb * 1024, this.diskWatch?.reason);
  }

  /** The built image's layers with the step that made each (from history: no `docker save`). */
  async layerSummary(): Promise<LayerSummary[]> {
    return summarizeLayers(await this.image(), await this.baseImage());
  }

  async lookupImage(ref: string): Promise<ImageFacts | undefined> {
    await this.commandRuns().catch(() => undefined);
    return readImageFacts(this.options.docker, this.isolation.resolve(ref));
  }

  async imageFile(path: string): Promise<ImageFile | undefined> {
    const image = await this.image();
    // One created, never started, container serves every file read; dispose() removes it.
    this.inspector ??= this.options.docker.createContainer({
      Image: image.id,
      Cmd: ["/dockgrade-never-started"],
      Labels: this.labels,
      NetworkDisabled: true,
      HostConfig: { NetworkMode: "none" },
    });
    return readFileFromContainer(await this.inspector, path);
  }

  async imageLayerFiles(scope: "all" | "added" = "all"): Promise<LayerFiles[]> {
    return readImageLayers(this.options.docker, await this.image(), await this.baseImage(), scope);
  }

  async rebuildAfterChange(change: { file: string; append: string }): Promise<RebuildReport> {
    await this.image();
    const tag = `dockgrade-${this.sessionId}-rebuild${this.rebuilds.length}:latest`;
    const request = { ...this.buildRequest(), cgroupParent: (await this.buildCgroup)?.parent };
    const rebuilt = rebuildAfterChange(this.options.docker, request, this.submissionDir, this.contextDir, change, tag);
    this.rebuilds.push(
      rebuilt.then((result) => {
        this.countBuild(result.outcome);
        return result.outcome;
      }),
    );
    return (await rebuilt).report;
  }

  async readSubmissionFile(path: string): Promise<string | undefined> {
    const target = resolve(this.submissionDir, path);
    if (relative(this.submissionDir, target).startsWith("..")) return undefined;
    return readFile(target, "utf8").catch(() => undefined);
  }

  async runLearnerCommand(text: string): Promise<CommandRun> {
    await this.commandRuns().catch(() => undefined);
    return runLearnerCommandLine(text, this.commandEnvironment());
  }

  /**
   * Removes the containers, the tags and the images this session made, and nothing else: base
   * images and other sessions' cache are left alone. Safe to call twice.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    // Whatever is still running (a build, a learner command) stops now rather than finishing.
    this.interruption.abort();
    this.diskWatch?.stop();
    await Promise.allSettled([this.building, this.commands, this.starting, this.inspector, ...this.rebuilds]);
    const builds = await Promise.all([this.building, ...this.rebuilds].map((build) => build?.catch(() => undefined)));
    const created = [...builds.map((build) => build?.created), ...this.learnerBuilt].filter((images) => images !== undefined);
    await removeSessionObjects(this.options.docker, {
      runId: this.options.runId,
      sessionId: this.sessionId,
      createdImageIds: created.flatMap((images) => images.own),
    });
    keepUntilRunEnds(created.flatMap((images) => images.shared));
    await (await this.buildCgroup)?.remove();
  }
}
