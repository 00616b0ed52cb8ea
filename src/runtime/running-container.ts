import type Docker from "dockerode";
import type { StartedTestContainer } from "testcontainers";
import type { ExecResult, HealthObservation, HealthStatus, RunningContainer } from "../grading/context.js";

const HEALTH_POLL_MS = 250;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The grading view of a started container: exec with a time limit, and health observation. */
export function wrapContainer(docker: Docker, started: StartedTestContainer): RunningContainer {
  const handle = docker.getContainer(started.getId());
  return {
    async exec(argv, options = {}): Promise<ExecResult> {
      const timeoutMs = options.timeoutMs ?? 30_000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<ExecResult>((resolve) => {
        timer = setTimeout(() => resolve({ exitCode: 124, stdout: "", stderr: `timed out after ${timeoutMs} ms`, timedOut: true }), timeoutMs);
      });
      const run = started.exec(argv).then((result) => ({ exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, timedOut: false }));
      try {
        return await Promise.race([run, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    async waitForHealth(target, timeoutMs): Promise<HealthObservation> {
      const started = Date.now();
      for (;;) {
        const info = await handle.inspect();
        const health = (info.State as { Health?: { Status?: string; Log?: { Output?: string }[] } }).Health;
        const status = (health?.Status ?? "none") as HealthStatus;
        const observation = {
          status,
          running: info.State.Running,
          probeOutputs: (health?.Log ?? []).map((entry) => entry.Output ?? ""),
          waitedMs: Date.now() - started,
        };
        if (status === target) return { ...observation, reached: true };
        if (!info.State.Running || status === "none" || Date.now() - started >= timeoutMs) return { ...observation, reached: false };
        await sleep(HEALTH_POLL_MS);
      }
    },
  };
}
