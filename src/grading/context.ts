import type { Localized } from "../i18n.js";

/** What graders see of the world. Graders never talk to Docker: the runtime implements this. */

export interface DockerfileInstruction {
  /** Upper-case keyword: FROM, RUN, COPY... */
  keyword: string;
  /** Everything after the keyword, as written. */
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
  raw: string;
}

export interface FromInstruction extends DockerfileInstruction {
  /**
   * The image name without tag or digest (`python`), or a stage name, as the builder reads it:
   * build arguments (ARG before the first FROM, with their defaults) already substituted.
   */
  image: string;
  tag?: string;
  digest?: string;
  /** The image reference as written, before substitution (`python:${VERSION}-slim`). */
  written: string;
  /** Build arguments the reference uses that have no value: the builder substitutes "". */
  unresolved: string[];
  /** `--platform=...`, when given. */
  platform?: string;
  /** `AS name`, when given. */
  stageName?: string;
  /** True when the FROM names an earlier stage rather than an image. */
  referencesStage: boolean;
}

export interface DockerfileModel {
  /** Path relative to the submission, e.g. `Dockerfile`. */
  path: string;
  instructions: DockerfileInstruction[];
  froms: FromInstruction[];
}

export interface HistoryEntry {
  /** The step's image id (`sha256:…`), or `<missing>` for steps built elsewhere (a pulled base). */
  id?: string;
  createdBy: string;
  sizeBytes: number;
  /** True when the step produced a filesystem layer (RUN, COPY, ADD), false for metadata. */
  isLayer: boolean;
}

export interface ImageConfig {
  env: string[];
  labels: Record<string, string>;
  exposedPorts: string[];
  user: string;
  workdir: string;
  cmd: string[] | null;
  entrypoint: string[] | null;
  volumes: string[];
  healthcheck: { test: string[]; intervalNs?: number; timeoutNs?: number; retries?: number } | null;
}

export interface ImageFacts {
  id: string;
  sizeBytes: number;
  /** Diff ids of the filesystem layers, base first. */
  layers: string[];
  /** Newest step first, as `docker history` prints it. */
  history: HistoryEntry[];
  config: ImageConfig;
}

export interface CommandRun {
  line: number;
  /** The command as the learner wrote it. */
  text: string;
  exitCode: number;
  output: string;
  /** Set when the line was refused before running (not allowed, bad syntax). */
  refused?: Localized;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export type HealthStatus = "none" | "starting" | "healthy" | "unhealthy";

export interface HealthObservation {
  reached: boolean;
  status: HealthStatus;
  /** Whether the container is still running at the end of the wait. */
  running: boolean;
  /** Output of the last health probes, newest last. */
  probeOutputs: string[];
  /** The last health probes (Docker keeps five), newest last: exit code -1 when one ran out of time. */
  probes: { exitCode: number; output: string }[];
  waitedMs: number;
}

export interface ContainerState {
  /** created, running, paused, restarting, removing, exited, dead */
  status: string;
  running: boolean;
  exitCode: number;
  health: HealthStatus;
  /** Address on the default bridge; empty without network. */
  ipAddress: string;
  startedAt: string;
  restartCount: number;
  oomKilled: boolean;
}

/** What `docker top` shows: column titles (UID, PID, PPID, C, STIME, TTY, TIME, CMD) and rows. */
export interface ProcessTable {
  titles: string[];
  processes: string[][];
}

/** One line of `docker diff`. */
export interface FilesystemChange {
  kind: "added" | "changed" | "deleted";
  path: string;
}

export interface LogLine {
  stream: "stdout" | "stderr";
  /** RFC 3339 with nanoseconds, as `docker logs --timestamps` prints it. */
  timestamp: string;
  text: string;
}

export type HttpAnswer = { status: number; body: string } | { error: string };

export interface RunningContainer {
  exec(argv: string[], options?: { timeoutMs?: number; user?: string }): Promise<ExecResult>;
  /**
   * Sends a signal to the container's main process from the host (`docker kill --signal`): from
   * outside, SIGSTOP freezes even a PID 1 that would ignore signals sent from inside.
   */
  signal(name: string): Promise<void>;
  /** Milliseconds since dockgrade started the container (waits measured from the start). */
  sinceStartMs(): number;
  waitForHealth(target: "healthy" | "unhealthy", timeoutMs: number): Promise<HealthObservation>;
  state(): Promise<ContainerState>;
  processes(): Promise<ProcessTable>;
  changes(): Promise<FilesystemChange[]>;
  /** Both streams, in order, capped at the exercise's output limit. */
  logs(): Promise<LogLine[]>;
  /** GET through the port published on the host (the exercise must list it in run.ports). */
  httpGet(port: number, path: string, timeoutMs: number): Promise<HttpAnswer>;
}

/** A file of the built image, read without running the image. */
export interface ImageFile {
  path: string;
  type: "file" | "directory" | "symlink" | "other";
  /** Permission bits, e.g. 0o644. */
  mode: number;
  uid: number;
  gid: number;
  sizeBytes: number;
  /** First 64 KiB of a regular file, as UTF-8. */
  content?: string;
  linkTarget?: string;
}

export interface LayerFile {
  /** Absolute path in the image, e.g. /usr/lib/x.so. */
  path: string;
  sizeBytes: number;
  /** True for a deletion marker (`.wh.` file): the layer removes `path`. */
  whiteout: boolean;
  isDirectory: boolean;
}

export interface LayerFiles {
  diffId: string;
  /** The history step that made the layer. */
  createdBy: string;
  sizeBytes: number;
  /** True for the layers of the base image. */
  fromBase: boolean;
  files: LayerFile[];
}

export interface RebuildStep {
  /** `RUN pip install -r requirements.txt`, as the build log prints it. */
  instruction: string;
  cached: boolean;
}

export interface RebuildReport {
  ok: boolean;
  steps: RebuildStep[];
  /** The build log's last lines when it failed. */
  logExcerpt: string[];
}

/**
 * What a check of the Dockerfile sees: the submission's files, nothing of the engine. The first
 * feedback runs these checks before the engine's client is even loaded.
 */
export interface DockerfileContext {
  submissionDir: string;
  /** The parsed Dockerfile; throws CheckSkipped when it is missing or unreadable. */
  dockerfile(): DockerfileModel;
  /** A text file of the submission (e.g. reponses.yaml), or undefined when absent. */
  readSubmissionFile(path: string): Promise<string | undefined>;
}

/** What a check of the built image sees: the image, its base, the learner's commands, a rebuild. */
export interface ImageContext extends DockerfileContext {
  /** The image built from the submission; throws CheckSkipped when the build failed. */
  image(): Promise<ImageFacts>;
  /** The image the final stage was really built FROM, as present on the engine. */
  baseImage(): Promise<ImageFacts | undefined>;
  /** An image by the name the learner gave it (`mon-app:v1`), isolated per submission. */
  findImage(learnerRef: string): Promise<ImageFacts | undefined>;
  /** What the learner's command file did, or undefined when the submission has none. */
  commandRuns(): Promise<CommandRun[] | undefined>;
  /** An image by reference: the learner's own names are resolved in their namespace, others as is. */
  lookupImage(ref: string): Promise<ImageFacts | undefined>;
  /** A file of the built image, or undefined when absent. */
  imageFile(path: string): Promise<ImageFile | undefined>;
  /**
   * Every layer of the built image with the files it adds or deletes (like dive). With "added",
   * only the layers the Dockerfile added list their files (the base's lists are empty): faster.
   */
  imageLayerFiles(scope?: "all" | "added"): Promise<LayerFiles[]>;
  /**
   * Copies the submission, appends `append` to `file`, and builds again on the same cache:
   * the report says which steps came from the cache. The check that calls it declares `rebuilds`.
   */
  rebuildAfterChange(change: { file: string; append: string }): Promise<RebuildReport>;
  /**
   * Runs a command in a new container of the built image, its entrypoint cleared and no network:
   * what the image holds before its CMD has run anything. The container goes when it ends.
   */
  runInNewContainer(
    argv: string[],
    options: { user?: string; env?: Record<string, string>; timeoutMs: number },
  ): Promise<ExecResult>;
}

/**
 * The submission's container in another state, under the same learner names: `never-started`
 * (status created; the learner's image name stands for an image with one more layer) or
 * `started-later` (another address, other processes and log times, a file of its own, a health
 * probe that always fails).
 */
export type OtherStateKind = "never-started" | "started-later";

export interface OtherState {
  container: RunningContainer;
  /** The image the learner's image name stands for in this state. */
  image(): Promise<ImageFacts>;
  /** Runs a learner's command with their names mapped to this state's objects. */
  runLearnerCommand(text: string): Promise<CommandRun>;
}

/** What a check of the running container sees: the one container the submission's checks share. */
export interface ContainerContext extends ImageContext {
  container(): Promise<RunningContainer>;
  /**
   * Runs one docker command the learner wrote, as argv without a shell, allowlisted, with the
   * learner's names (image `build.tag`, container `run.name`) mapped to this submission's objects.
   */
  runLearnerCommand(text: string): Promise<CommandRun>;
  /** Another state of the submission's container, made on demand: an answer must read the state it is run on. */
  otherState(kind: OtherStateKind): Promise<OtherState>;
}

/** The context each requirement gives its checks. */
export interface ContextFor {
  dockerfile: DockerfileContext;
  image: ImageContext;
  container: ContainerContext;
}

/** Thrown by the context when a check cannot run because something it needs is missing. */
export class CheckSkipped extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}
