import type Docker from "dockerode";
import type { ExecResult } from "../grading/context.js";
import type { CleanupStack } from "./cleanup-stack.js";
import { demuxOutputs } from "./demux-logs.js";
import { sandboxHostConfig, type SandboxLimits } from "./sandbox-limits.js";

export interface OneOffRequest {
  imageId: string;
  argv: string[];
  user?: string;
  /** Variables added to the image's ENV (`docker run -e`). */
  env?: Record<string, string>;
  timeoutMs: number;
  labels: Record<string, string>;
  limits: SandboxLimits;
  outputLimitBytes: number;
}

/**
 * Runs a command in a new container of an image, as `docker run --rm --entrypoint ""` would:
 * the image's content before its CMD has run anything, no network, the submission's limits. The
 * container goes as soon as the command ends, and with the stack if grading stops first.
 */
export async function runOneOff(docker: Docker, stack: CleanupStack, request: OneOffRequest): Promise<ExecResult> {
  const container = await docker.createContainer({
    Image: request.imageId,
    Entrypoint: [],
    Cmd: request.argv,
    ...(request.user ? { User: request.user } : {}),
    ...(request.env ? { Env: Object.entries(request.env).map(([name, value]) => `${name}=${value}`) } : {}),
    Labels: request.labels,
    NetworkDisabled: true,
    HostConfig: { ...sandboxHostConfig(request.limits), NetworkMode: "none" },
  });
  const remove = () => container.remove({ force: true, v: true }).catch(() => undefined);
  stack.defer(remove);
  try {
    const started = await container.start().then(
      () => undefined,
      (error: Error) => error,
    );
    // The command could not even start (no such program in the image): what `docker run` says.
    if (started) return { exitCode: 127, stdout: "", stderr: started.message, timedOut: false };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), request.timeoutMs);
    });
    const ended = (await Promise.race([container.wait(), timedOut])) as { StatusCode?: number } | undefined;
    clearTimeout(timer);
    if (!ended) await container.kill().catch(() => undefined);
    const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    const output = demuxOutputs(raw, request.outputLimitBytes);
    return { exitCode: ended?.StatusCode ?? 124, ...output, timedOut: !ended };
  } finally {
    await remove();
  }
}
