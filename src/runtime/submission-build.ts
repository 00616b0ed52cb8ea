import type Docker from "dockerode";
import { relative, resolve } from "node:path";
import type { ExecResult, ImageFacts, ImageFile, LayerFiles, RebuildReport } from "../grading/context.js";
import { createBuildCgroup, type BuildCgroup } from "./build-cgroup.js";
import { buildImage, type BuildOutcome, type BuildRequest } from "./build-image.js";
import type { CleanupStack } from "./cleanup-stack.js";
import { keepUntilRunEnds, removeOwnImage } from "./created-images.js";
import { readFileFromContainer, readImageLayers } from "./image-contents.js";
import { readImageFacts } from "./image-facts.js";
import { runOneOff } from "./one-off-command.js";
import { tagImage } from "./tag-image.js";
import { buildLabels } from "./labels.js";
import type { NameIsolation } from "./name-isolation.js";
import { rebuildAfterChange } from "./rebuild-after-change.js";
import type { RuntimePlan } from "./runtime-plan.js";
import type { SessionJournal } from "./run-journal.js";

/** The build could not make an image: the outcome says why (the learner's step, a limit, the engine). */
export class BuildFailed extends Error {
  constructor(readonly outcome: BuildOutcome) {
    super(outcome.error ?? "the build failed");
  }
}

export interface BuildScope {
  docker: Docker;
  plan: RuntimePlan;
  sessionId: string;
  /** The labels of every container the submission creates. */
  labels: Record<string, string>;
  isolation: NameIsolation;
  /** Where what the session creates is written as it appears (the run journal). */
  journal: SessionJournal;
  stack: CleanupStack;
  signal: AbortSignal;
  /** Keeps the work under way known, so that disposal waits for it before cleaning up. */
  track<T>(work: Promise<T>): Promise<T>;
}

/**
 * What the engine says when a build's parent image or layer went away under it (another run
 * removed the cache it was reusing): the build is not at fault and builds again.
 */
const LOST_CACHE =
  /no such image|failed to get (?:parent )?(?:image|layer)|unable to find image|image .* not (?:found|known)|layer does not exist/i;

export function lostBuildCache(outcome: BuildOutcome): boolean {
  return !outcome.ok && LOST_CACHE.test(outcome.error ?? "");
}

/**
 * The submission's image: one build (and the rebuilds a check asks for), the facts read from it,
 * and the files of its layers. Every image it makes goes on the clean-up stack.
 */
export class SubmissionBuild {
  private building?: Promise<BuildOutcome>;
  private facts?: Promise<ImageFacts>;
  private inspector?: Promise<Docker.Container>;
  private cgroup?: Promise<BuildCgroup | undefined>;
  private rebuildCount = 0;
  /** Every build's outcome, the first one first (for timings and the count of builds). */
  readonly outcomes: BuildOutcome[] = [];
  readonly tag: string;

  constructor(private readonly scope: BuildScope) {
    this.tag = `dockgrade-${scope.sessionId}-build:latest`;
  }

  private get contextDir(): string {
    return resolve(this.scope.plan.submissionDir, this.scope.plan.build.context);
  }

  get dockerfilePath(): string {
    return resolve(this.scope.plan.submissionDir, this.scope.plan.build.dockerfile);
  }

  /** The reference the learner's container runs: their own name for the image when they have one. */
  get runnableRef(): string {
    const learnerTag = this.scope.plan.build.tag;
    return learnerTag ? this.scope.isolation.isolate(learnerTag) : this.tag;
  }

  /** What every build of this submission shares (the first, and a rebuild after a change). */
  private async request(): Promise<Omit<BuildRequest, "contextDir" | "tag">> {
    const { plan, sessionId, signal } = this.scope;
    const { limits } = plan;
    this.cgroup ??= createBuildCgroup(sessionId, limits.pids).then((cgroup) => {
      this.scope.stack.defer(() => cgroup?.remove());
      return cgroup;
    });
    return {
      dockerfile: relative(this.contextDir, this.dockerfilePath),
      labels: buildLabels(plan.runId, sessionId),
      timeoutMs: limits.buildSeconds * 1000,
      contextLimitBytes: limits.contextMb * 1e6,
      diskLimitBytes: limits.diskMb * 1e6,
      cpus: limits.cpus,
      logLimitBytes: limits.outputKb * 1024,
      memoryBytes: limits.memoryMb * 1024 * 1024,
      networkMode: plan.build.network,
      cgroupParent: (await this.cgroup)?.parent,
      signal,
      onStep: (step) => this.scope.journal.step(step),
    };
  }

  /** Registers what a build made: its own images go with the submission, shared cache at the run's end. */
  private remember(outcome: BuildOutcome): BuildOutcome {
    this.outcomes.push(outcome);
    const namespace = `dockgrade-${this.scope.sessionId}`;
    this.scope.stack.defer(async () => {
      for (const id of [...outcome.created.own].reverse()) await removeOwnImage(this.scope.docker, id, namespace);
      keepUntilRunEnds(outcome.created.shared);
    });
    return outcome;
  }

  /** The build, once; later calls share it. */
  build(): Promise<BuildOutcome> {
    this.building ??= this.scope.track(
      (async () => {
        const build = async () =>
          this.remember(
            await buildImage(this.scope.docker, {
              ...(await this.request()),
              contextDir: this.contextDir,
              tag: this.tag,
            }),
          );
        let outcome = await build();
        // Another dockgrade run on the same engine may remove build cache this build was reusing,
        // between two of its steps: the step's parent is gone. Built again, the step is rebuilt
        // (twice at most: other runs may go on removing their cache meanwhile).
        for (let retry = 0; retry < 2 && lostBuildCache(outcome) && !this.scope.signal.aborted; retry += 1) {
          outcome = await build();
        }
        const learnerTag = this.scope.plan.build.tag;
        if (outcome.ok && outcome.imageId && learnerTag) await this.tagAs(outcome.imageId, learnerTag);
        return outcome;
      })(),
    );
    return this.building;
  }

  /** The build, if it was attempted (for the report). */
  get attempt(): Promise<BuildOutcome> | undefined {
    return this.building;
  }

  /** Gives the built image one more of the learner's names, isolated in the submission's namespace. */
  async tagAs(imageId: string, learnerRef: string): Promise<void> {
    await this.tagIsolated(imageId, this.scope.isolation.isolate(learnerRef));
  }

  /** Gives the built image a name already in the submission's namespace. */
  async tagIsolated(imageId: string, engineRef: string): Promise<void> {
    await tagImage(this.scope.docker, imageId, engineRef);
  }

  /** The built image's facts, read once; BuildFailed when there is no image. */
  image(): Promise<ImageFacts> {
    this.facts ??= (async () => {
      const outcome = await this.build();
      if (!outcome.ok || !outcome.imageId) throw new BuildFailed(outcome);
      const facts = await readImageFacts(this.scope.docker, outcome.imageId);
      if (!facts) throw new Error(`built image ${outcome.imageId} vanished from the engine`);
      return facts;
    })();
    return this.facts;
  }

  /** The image the final stage was really built from (the id the builder printed after its FROM). */
  async baseImage(): Promise<ImageFacts | undefined> {
    const outcome = await this.build();
    return outcome.baseImageId ? readImageFacts(this.scope.docker, outcome.baseImageId) : undefined;
  }

  /** An image by the name the learner gave it (`mon-app:v1`), in the submission's namespace. */
  learnerImage(learnerRef: string): Promise<ImageFacts | undefined> {
    return readImageFacts(this.scope.docker, this.scope.isolation.isolate(learnerRef));
  }

  /** An image by its id. */
  imageById(id: string): Promise<ImageFacts | undefined> {
    return readImageFacts(this.scope.docker, id);
  }

  /** An image by reference: the learner's own names in their namespace, others (a base image) as is. */
  imageByReference(ref: string): Promise<ImageFacts | undefined> {
    return readImageFacts(this.scope.docker, this.scope.isolation.resolve(ref));
  }

  /** A file of the image, read through one created, never started, container. */
  async file(path: string): Promise<ImageFile | undefined> {
    const image = await this.image();
    this.inspector ??= this.scope.track(
      this.scope.docker
        .createContainer({
          Image: image.id,
          Cmd: ["/dockgrade-never-started"],
          Labels: this.scope.labels,
          NetworkDisabled: true,
          HostConfig: { NetworkMode: "none" },
        })
        .then((container) => {
          this.scope.journal.container(container.id, "inspector");
          this.scope.stack.defer(() => container.remove({ force: true, v: true }));
          return container;
        }),
    );
    return readFileFromContainer(await this.inspector, path);
  }

  async layerFiles(base: ImageFacts | undefined, scope: "all" | "added"): Promise<LayerFiles[]> {
    return readImageLayers(this.scope.docker, await this.image(), base, scope);
  }

  /** A command run in a new container of the image, its entrypoint cleared: the image before its CMD ran. */
  async runCommand(
    argv: string[],
    options: { user?: string; env?: Record<string, string>; timeoutMs: number },
  ): Promise<ExecResult> {
    const image = await this.image();
    const { limits } = this.scope.plan;
    return this.scope.track(
      runOneOff(this.scope.docker, this.scope.stack, {
        imageId: image.id,
        argv,
        user: options.user,
        env: options.env,
        timeoutMs: options.timeoutMs,
        labels: this.scope.labels,
        limits: { memoryBytes: limits.memoryMb * 1024 * 1024, cpus: limits.cpus, pids: limits.pids },
        outputLimitBytes: limits.outputKb * 1024,
      }),
    );
  }

  /** A copy of the submission with one file changed, built again on the same cache. */
  async rebuildAfterChange(change: { file: string; append: string }): Promise<RebuildReport> {
    await this.image();
    const tag = `dockgrade-${this.scope.sessionId}-rebuild${this.rebuildCount++}:latest`;
    const rebuilt = await this.scope.track(
      rebuildAfterChange(
        this.scope.docker,
        await this.request(),
        this.scope.plan.submissionDir,
        this.contextDir,
        change,
        tag,
      ),
    );
    this.remember(rebuilt.outcome);
    return rebuilt.report;
  }
}
