import type Docker from "dockerode";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { StartedTestContainer } from "testcontainers";
import type { ContainerState, ExecResult, HealthObservation, HealthStatus, HttpAnswer, LogLine, RunningContainer } from "../grading/context.js";
import { demuxLogs } from "./demux-logs.js";

const HEALTH_POLL_MS = 250;

function stateOf(info: Docker.ContainerInspectInfo): ContainerState {
  const state = info.State as Docker.ContainerInspectInfo["State"] & { Health?: { Status?: string } };
  const networks = Object.values(info.NetworkSettings?.Networks ?? {});
  return {
    status: state.Status,
    running: state.Running,
    exitCode: state.ExitCode,
    health: (state.Health?.Status ?? "none") as HealthStatus,
    ipAddress: networks.find((network) => network.IPAddress)?.IPAddress ?? "",
    startedAt: state.StartedAt,
    restartCount: info.RestartCount,
    oomKilled: state.OOMKilled,
  };
}

function httpGet(host: string, port: number, path: string, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const req = request({ host, port, path, method: "GET", timeout: timeoutMs }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (body.length < 64 * 1024) body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error) => resolve({ error: error.message }));
    req.end();
  });
}

/** The grading view of a started container: the facts checks read, each with a bound. */
export function wrapContainer(docker: Docker, started: StartedTestContainer, outputLimitBytes: number): RunningContainer {
  const handle = docker.getContainer(started.getId());
  return {
    async exec(argv, options = {}): Promise<ExecResult> {
      const timeoutMs = options.timeoutMs ?? 30_000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<ExecResult>((resolve) => {
        timer = setTimeout(() => resolve({ exitCode: 124, stdout: "", stderr: `timed out after ${timeoutMs} ms`, timedOut: true }), timeoutMs);
      });
      const run = started
        .exec(argv, options.user ? { user: options.user } : {})
        .then((result) => ({ exitCode: result.exitCode, stdout: result.stdout.slice(0, outputLimitBytes), stderr: result.stderr.slice(0, outputLimitBytes), timedOut: false }));
      try {
        return await Promise.race([run, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    async waitForHealth(target, timeoutMs): Promise<HealthObservation> {
      const began = Date.now();
      for (;;) {
        const info = await handle.inspect();
        const health = (info.State as { Health?: { Log?: { Output?: string }[] } }).Health;
        const state = stateOf(info);
        const observation = {
          status: state.health,
          running: state.running,
          probeOutputs: (health?.Log ?? []).map((entry) => entry.Output ?? ""),
          waitedMs: Date.now() - began,
        };
        if (state.health === target) return { ...observation, reached: true };
        if (!state.running || state.health === "none" || Date.now() - began >= timeoutMs) return { ...observation, reached: false };
        await sleep(HEALTH_POLL_MS);
      }
    },

    async state() {
      return stateOf(await handle.inspect());
    },

    async processes() {
      const top = (await handle.top()) as { Titles?: string[]; Processes?: string[][] };
      return { titles: top.Titles ?? [], processes: top.Processes ?? [] };
    },

    async changes() {
      const kinds = ["changed", "added", "deleted"] as const;
      // No change: the engine answers `null`, which dockerode hands back as a raw Buffer.
      const answer: unknown = await handle.changes();
      const changes = (Array.isArray(answer) ? answer : []) as { Kind: number; Path: string }[];
      return changes.map((change) => ({ kind: kinds[change.Kind] ?? "changed", path: change.Path }));
    },

    async logs(): Promise<LogLine[]> {
      const raw = (await handle.logs({ stdout: true, stderr: true, timestamps: true, follow: false })) as unknown as Buffer;
      return demuxLogs(raw, outputLimitBytes);
    },

    async httpGet(port, path, timeoutMs) {
      let hostPort: number;
      try {
        hostPort = started.getMappedPort(port);
      } catch {
        throw new Error(`port ${port} is not published: add it to run.ports in exercise.yaml`);
      }
      return httpGet(started.getHost(), hostPort, path, timeoutMs);
    },
  };
}
