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
  /** The image name without tag or digest (`python`), or a stage name. */
  image: string;
  tag?: string;
  digest?: string;
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
  waitedMs: number;
}

export interface RunningContainer {
  exec(argv: string[], options?: { timeoutMs?: number }): Promise<ExecResult>;
  waitForHealth(target: "healthy" | "unhealthy", timeoutMs: number): Promise<HealthObservation>;
}

export interface GradingContext {
  submissionDir: string;
  /** The parsed Dockerfile; throws CheckSkipped when it is missing or unreadable. */
  dockerfile(): DockerfileModel;
  /** The image built from the submission; throws CheckSkipped when the build failed. */
  image(): Promise<ImageFacts>;
  /** The image the final stage is built FROM, as present on the engine. */
  baseImage(): Promise<ImageFacts | undefined>;
  /** An image by the name the learner gave it (`mon-app:v1`), isolated per submission. */
  findImage(learnerRef: string): Promise<ImageFacts | undefined>;
  /** What the learner's command file did, or undefined when the submission has none. */
  commandRuns(): Promise<CommandRun[] | undefined>;
  /** The one container shared by the submission's checks. */
  container(): Promise<RunningContainer>;
}

/** Thrown by the context when a check cannot run because something it needs is missing. */
export class CheckSkipped extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}
