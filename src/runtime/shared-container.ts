import type { RunningContainer } from "../grading/context.js";
import { DiskWatch } from "./container-watch.js";
import { wrapContainer, type ContainerHandle } from "./running-container.js";
import { containerRequest } from "./runtime-plan.js";
import type { BuildScope, SubmissionBuild } from "./submission-build.js";

/**
 * testcontainers takes ~0.4 s to load: not before the first feedback, and not during the build
 * either, where it held up the main thread that packs and uploads the context (builds took 0.5 s
 * longer). It loads when the container starts.
 */
const loadSandbox = () => import("./sandboxed-container.js");

/** Why the shared container is not running any more, as the engine tells it. */
export interface ContainerStop {
  status: string;
  exitCode: number;
  oomKilled: boolean;
  /** Set when dockgrade stopped it for writing past the disk limit. */
  diskLimit?: { writtenMb: number; limitMb: number };
  /** Its last log lines. */
  lastLines: string[];
}

/**
 * The one container a submission's checks share: started once from the built image, sandboxed,
 * watched for disk use, removed with the submission.
 */
export class SharedContainer {
  private starting?: Promise<ContainerHandle>;
  private startedAtMs = 0;
  private diskWatch?: DiskWatch;
  /** How long creating and starting it took; 0 until it started. */
  startMs = 0;
  readonly name: string;

  constructor(
    private readonly scope: BuildScope,
    private readonly build: SubmissionBuild,
  ) {
    this.name = `dockgrade-${scope.sessionId}-main`;
  }

  get started(): boolean {
    return this.startMs > 0;
  }

  /** Starts the container once the image exists; later calls share it. */
  async running(): Promise<RunningContainer> {
    this.starting ??= this.scope.track(this.start());
    const started = await this.starting;
    return wrapContainer(this.scope.docker, started, this.scope.plan.limits.outputKb * 1024, this.startedAtMs);
  }

  private async start(): Promise<ContainerHandle> {
    await this.build.image();
    const { plan, docker, stack, labels } = this.scope;
    const { limits } = plan;
    const began = Date.now();
    const { startSandboxedContainer } = await loadSandbox();
    const started = await startSandboxedContainer(
      containerRequest(plan, this.build.runnableRef, this.name, labels),
      docker,
    );
    stack.defer(() => docker.getContainer(started.getId()).remove({ force: true, v: true }));
    this.startMs = Date.now() - began;
    this.startedAtMs = Date.now();
    this.diskWatch = new DiskWatch(docker, started.getId(), limits.diskMb);
    stack.defer(() => this.diskWatch?.stop());
    return started;
  }

  /** Why the container stopped, when it has; undefined while it runs or before it started. */
  async stop(): Promise<ContainerStop | undefined> {
    const started = await this.starting?.catch(() => undefined);
    if (!started) return undefined;
    const container = wrapContainer(this.scope.docker, started, this.scope.plan.limits.outputKb * 1024);
    const state = await container.state().catch(() => undefined);
    if (!state || state.running) return undefined;
    const lastLines = (await container.logs().catch(() => [])).slice(-3).map((line) => line.text);
    return {
      status: state.status,
      exitCode: state.exitCode,
      oomKilled: state.oomKilled,
      diskLimit: this.diskWatch?.exceeded,
      lastLines,
    };
  }
}
