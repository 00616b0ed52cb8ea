import type Docker from "dockerode";
import { setTimeout as sleep } from "node:timers/promises";
import { ContextTooLarge, packBuildContext } from "./build-context.js";
import { BuildStepReader, type BuildStep } from "./build-step-reader.js";
import type { CreatedImages } from "./created-images.js";

export interface BuildRequest {
  contextDir: string;
  /** Dockerfile path relative to the context. */
  dockerfile: string;
  tag: string;
  labels: Record<string, string>;
  timeoutMs: number;
  contextLimitBytes: number;
  logLimitBytes: number;
  memoryBytes: number;
  /** CPUs a build step may use. */
  cpus: number;
  /** A cgroup bounding the build's process count, when the host allows one (see build-cgroup). */
  cgroupParent?: string;
  /** Most a build step may write; the step's container is watched every second. */
  diskLimitBytes: number;
  /** Engine network mode for RUN steps: "default" or "none". */
  networkMode: string;
  noCache?: boolean;
  /** Stops the build early (interruption); the time limit applies in any case. */
  signal?: AbortSignal;
  /** Each step container and image as the build stream names it (the run journal), before the build ends. */
  onStep?: (step: BuildStep) => void;
}

export interface BuildOutcome {
  ok: boolean;
  imageId?: string;
  log: string[];
  /** The engine's own error, or why the build was stopped. */
  error?: string;
  durationMs: number;
  /** Whose fault a failure is: the submission's (bad step, too slow, too big) or the engine's. */
  fault?: "learner" | "engine";
  /** Images this build created, newest last, for clean-up. */
  created: CreatedImages;
  /** The image the last stage was built from, as the builder resolved its FROM (short id). */
  baseImageId?: string;
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

/**
 * Builds with the engine's classic builder and keeps the whole log (testcontainers only says
 * "Failed to build image"). Never pulls: base images must be present or pullable by the
 * engine on its own.
 */
export async function buildImage(docker: Docker, request: BuildRequest): Promise<BuildOutcome> {
  const started = Date.now();
  const log: string[] = [];
  // The step's container is not labelled (build labels come last): follow it by its id. Read
  // from the whole stream, past the log cap, so that clean-up finds every image created.
  let stepContainer: string | undefined;
  const steps = new BuildStepReader((step) => {
    if (step.kind === "container") stepContainer = step.id;
    request.onStep?.(step);
  });
  let logBytes = 0;
  let truncated = false;
  const record = (text: string) => {
    // The builder colours a step's stderr: keep the text only.
    for (const line of text.replace(/\x1b\[[0-9;]*m/g, "").split("\n")) {
      if (line.trim() === "") continue;
      steps.line(line);
      logBytes += line.length;
      if (logBytes <= request.logLimitBytes) log.push(line);
      else if (!truncated) {
        truncated = true;
        log.push(`[dockgrade] log truncated after ${Math.round(request.logLimitBytes / 1024)} KiB`);
      }
    }
  };

  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), request.timeoutMs);
  let diskExceeded: string | undefined;
  const diskWatch = setInterval(async () => {
    if (!stepContainer) return;
    const info = (await docker
      .getContainer(stepContainer)
      .inspect({ size: true } as Docker.ContainerInspectOptions)
      .catch(() => undefined)) as { SizeRw?: number } | undefined;
    if ((info?.SizeRw ?? 0) > request.diskLimitBytes) {
      diskExceeded = `build step wrote ${((info?.SizeRw ?? 0) / 1e6).toFixed(0)} MB, over the ${(request.diskLimitBytes / 1e6).toFixed(0)} MB limit`;
      abort.abort();
    }
  }, 500);
  const interrupted = () => abort.abort();
  request.signal?.addEventListener("abort", interrupted, { once: true });
  try {
    const context = await packBuildContext(request.contextDir, request.dockerfile, request.contextLimitBytes);
    const stream = await docker.buildImage(context.stream, {
      t: request.tag,
      dockerfile: request.dockerfile,
      labels: request.labels,
      rm: true,
      forcerm: true,
      pull: false,
      nocache: request.noCache ?? false,
      networkmode: request.networkMode,
      memory: request.memoryBytes,
      memswap: request.memoryBytes,
      cpuperiod: 100_000,
      cpuquota: Math.round(request.cpus * 100_000),
      ...(request.cgroupParent ? { cgroupparent: request.cgroupParent } : {}),
      abortSignal: abort.signal,
    } as Docker.ImageBuildOptions);
    let imageId: string | undefined;
    let error: string | undefined;
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (err) => (err ? reject(err) : resolve()),
        (event: BuildEvent) => {
          if (event.stream) record(event.stream);
          if (event.aux?.ID) imageId = event.aux.ID;
          if (event.error) {
            error = event.errorDetail?.message ?? event.error;
            record(error);
          }
        },
      );
    });
    if (!error && !imageId) imageId = (await docker.getImage(request.tag).inspect()).Id;
    return {
      ok: !error,
      imageId: error ? undefined : imageId,
      log,
      error,
      fault: error ? "learner" : undefined,
      durationMs: Date.now() - started,
      created: copyOf(steps.created),
      baseImageId: steps.baseImageId,
    };
  } catch (cause) {
    const timedOut = abort.signal.aborted && !request.signal?.aborted && !diskExceeded;
    const tooLarge = cause instanceof ContextTooLarge;
    const error = diskExceeded
      ? diskExceeded
      : timedOut
        ? `build stopped after ${Math.round(request.timeoutMs / 1000)} s (time limit)`
        : tooLarge
          ? `build context refused: ${(cause.bytes / 1e6).toFixed(1)} MB, over the ${(cause.limitBytes / 1e6).toFixed(0)} MB limit (use .dockerignore)`
          : cause instanceof Error
            ? cause.message
            : String(cause);
    const fault = timedOut || tooLarge || diskExceeded ? "learner" : "engine";
    if (stepContainer) await removeStepContainer(docker, stepContainer);
    return {
      ok: false,
      log: [...log, error],
      error,
      fault,
      durationMs: Date.now() - started,
      created: copyOf(steps.created),
      baseImageId: steps.baseImageId,
    };
  } finally {
    clearTimeout(timer);
    clearInterval(diskWatch);
    request.signal?.removeEventListener("abort", interrupted);
  }
}

function copyOf(created: CreatedImages): CreatedImages {
  return { own: [...created.own], shared: [...created.shared] };
}

/**
 * An aborted build leaves its running step container to the engine, which removes it a while
 * later; it is not labelled (build labels come last), so remove it here and wait until it is gone.
 */
async function removeStepContainer(docker: Docker, id: string): Promise<void> {
  const container = docker.getContainer(id);
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const gone = await container.remove({ force: true }).then(
      () => false,
      (error: { statusCode?: number }) => error.statusCode === 404,
    );
    if (gone) return;
    await sleep(250);
  }
}

/** The lines of a failed build's log that explain it: the failing step and what followed. */
export function buildFailureExcerpt(log: string[], maxLines = 15): string[] {
  const lastStep = log.findLastIndex((line) => /^Step \d+\/\d+ :/.test(line));
  const relevant = lastStep >= 0 ? log.slice(lastStep) : log;
  return relevant.length > maxLines ? [relevant[0]!, "…", ...relevant.slice(-(maxLines - 2))] : relevant;
}
