import type Docker from "dockerode";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { StartedTestContainer } from "testcontainers";
import type {
  ContainerState,
  ExecResult,
  HealthObservation,
  HealthStatus,
  HttpAnswer,
  LogLine,
  RunningContainer,
} from "../grading/context.js";
import { subscribeToContainer } from "./container-events.js";
import { demuxLogs } from "./demux-logs.js";

/** How often health is read when the engine offers no event stream. */
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

/** What the grading view needs of a container: testcontainers' started container has it all. */
export type ContainerHandle = Pick<StartedTestContainer, "getId" | "exec" | "getMappedPort" | "getHost">;

/** Thrown by what needs a running container (exec, a published port) from one that is not running. */
export class ContainerNotRunningError extends Error {}

/** A container that is not running: it can be read (state, logs, files), not run in or reached. */
function notRunning(id: string, reason: string): ContainerHandle {
  const refuse = () => {
    throw new ContainerNotRunningError(reason);
  };
  return { getId: () => id, exec: refuse, getMappedPort: refuse, getHost: () => "localhost" };
}

/** A container that was created but never started. */
export const createdOnly = (id: string) => notRunning(id, "the container was never started");

/** A container that stopped as soon as it started, before its ports were bound. */
export const stoppedBeforePortsBound = (id: string) =>
  notRunning(id, "the container stopped before its ports were bound");

/** The grading view of a container: the facts checks read, each with a bound. */
export function wrapContainer(
  docker: Docker,
  started: ContainerHandle,
  outputLimitBytes: number,
  startedAtMs = Date.now(),
): RunningContainer {
  const handle = docker.getContainer(started.getId());
  return {
    async exec(argv, options = {}): Promise<ExecResult> {
      const timeoutMs = options.timeoutMs ?? 30_000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<ExecResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ exitCode: 124, stdout: "", stderr: `timed out after ${timeoutMs} ms`, timedOut: true }),
          timeoutMs,
        );
      });
      const run = started.exec(argv, options.user ? { user: options.user } : {}).then((result) => ({
        exitCode: result.exitCode,
        stdout: result.stdout.slice(0, outputLimitBytes),
        stderr: result.stderr.slice(0, outputLimitBytes),
        timedOut: false,
      }));
      try {
        return await Promise.race([run, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    async signal(name) {
      await handle.kill({ signal: name });
    },

    sinceStartMs: () => Date.now() - startedAtMs,

    async waitForHealth(target, timeoutMs): Promise<HealthObservation> {
      const began = Date.now();
      // Subscribed before the first read, so that a change between the two is not missed.
      const events = await subscribeToContainer(docker, handle.id, ["health_status", "die", "destroy", "oom"]);
      try {
        for (;;) {
          const info = await handle.inspect();
          const health = (info.State as { Health?: { Log?: { Output?: string; ExitCode?: number }[] } }).Health;
          const state = stateOf(info);
          const observation = {
            status: state.health,
            running: state.running,
            probeOutputs: (health?.Log ?? []).map((entry) => entry.Output ?? ""),
            probes: (health?.Log ?? []).map((entry) => ({ exitCode: entry.ExitCode ?? 0, output: entry.Output ?? "" })),
            waitedMs: Date.now() - began,
          };
          if (state.health === target) return { ...observation, reached: true };
          const remaining = timeoutMs - (Date.now() - began);
          if (!state.running || state.health === "none" || remaining <= 0) return { ...observation, reached: false };
          const event = await events?.next((candidate) => candidate.action !== "health_status: starting", remaining);
          // Without an event (no stream, or it ended): read again after a short pause.
          if (!event) await sleep(Math.min(HEALTH_POLL_MS, Math.max(0, timeoutMs - (Date.now() - began))));
        }
      } finally {
        events?.close();
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
      const raw = (await handle.logs({
        stdout: true,
        stderr: true,
        timestamps: true,
        follow: false,
      })) as unknown as Buffer;
      return demuxLogs(raw, outputLimitBytes);
    },

    async httpGet(port, path, timeoutMs) {
      let hostPort: number;
      try {
        hostPort = started.getMappedPort(port);
      } catch (error) {
        if (error instanceof ContainerNotRunningError) throw error;
        throw new Error(`port ${port} is not published: add it to run.ports in exercise.yaml`);
      }
      return httpGet(started.getHost(), hostPort, path, timeoutMs);
    },
  };
}
