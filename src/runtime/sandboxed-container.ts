import type Docker from "dockerode";
import { GenericContainer, type StartedTestContainer, type WaitStrategy } from "testcontainers";

import { subscribeToContainer } from "./container-events.js";
import { stoppedBeforePortsBound, type ContainerHandle } from "./running-container.js";
import { sandboxHostConfig, type SandboxLimits } from "./sandbox-limits.js";

/** Grading decides what "ready" means (health, HTTP...), so start-up waits for nothing more than "started". */
class StartedOnly implements WaitStrategy {
  private startupTimeoutMs = 60_000;
  async waitUntilReady(): Promise<void> {}
  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    return this;
  }
  isStartupTimeoutSet(): boolean {
    return true;
  }
  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}

/**
 * A GenericContainer that always runs hardened, whatever the spec or the image asks:
 * no privileges, no added capabilities, no new privileges, no host mounts, bounded memory,
 * CPU and process count, and no network unless the exercise publishes a port.
 */
export class SandboxedContainer extends GenericContainer {
  constructor(image: string, limits: SandboxLimits) {
    super(image);
    this.hostConfig = { ...this.hostConfig, ...sandboxHostConfig(limits) };
    this.withWaitStrategy(new StartedOnly());
    this.withPullPolicy({ shouldPull: () => false });
  }
}

export interface StartRequest {
  image: string;
  name: string;
  labels: Record<string, string>;
  limits: SandboxLimits;
  ports: number[];
  env: Record<string, string>;
  network: boolean;
  startupTimeoutMs: number;
  /** Replaces the image's HEALTHCHECK (times in milliseconds). */
  healthCheck?: {
    test: ["CMD-SHELL", string] | ["CMD", ...string[]];
    interval: number;
    timeout: number;
    retries: number;
  };
  /** Files written into the container before it starts. */
  files?: { content: string; target: string }[];
}

/** testcontainers' error when the published ports were not bound within its 10 s. */
const PORTS_NOT_BOUND = /waiting for container ports to be bound/;

/** The container's id when it has stopped, undefined while it runs or when it does not exist. */
async function stoppedId(docker: Docker, name: string): Promise<string | undefined> {
  const info = await docker
    .getContainer(name)
    .inspect()
    .catch(() => undefined);
  return info && !info.State.Running ? info.Id : undefined;
}

/**
 * Starts the container. One that stops at once (a crash at start-up; on a loaded machine, before
 * the engine is first asked for its ports) never binds its ports: testcontainers would give up
 * only after 10 s, so the engine's `die` event ends the wait as soon as it comes; the container's
 * stop is what grading reads (exit code, last lines), not an error. Any other failure removes
 * what was created (it is not on the session's stack yet).
 */
export async function startSandboxedContainer(request: StartRequest, docker: Docker): Promise<ContainerHandle> {
  const container = new SandboxedContainer(request.image, request.limits)
    .withName(request.name)
    .withLabels(request.labels)
    .withEnvironment(request.env)
    .withStartupTimeout(request.startupTimeoutMs);
  if (request.ports.length > 0) container.withExposedPorts(...request.ports);
  if (!request.network) container.withNetworkMode("none");
  if (request.healthCheck) container.withHealthCheck(request.healthCheck);
  if (request.files) container.withCopyContentToContainer(request.files);
  // Subscribed before the start, so that a death during it cannot be missed.
  const deaths = request.ports.length > 0 ? await subscribeToContainer(docker, request.name, ["die"]) : undefined;
  const starting = container.start();
  const started = starting.then((handle) => ({ started: handle }));
  try {
    const contenders: Promise<{ started: StartedTestContainer } | { stopped: string }>[] = [started];
    if (deaths)
      contenders.push(
        deaths
          .next(() => true, request.startupTimeoutMs)
          .then(async (event) => {
            const id = event && (await stoppedId(docker, request.name));
            return id ? { stopped: id } : started;
          }),
      );
    const first = await Promise.race(contenders);
    if ("started" in first) return first.started;
    // It died before testcontainers saw its ports: that start ends when the session removes it.
    starting.catch(() => undefined);
    return stoppedBeforePortsBound(first.stopped);
  } catch (error) {
    const created = docker.getContainer(request.name);
    const state = await created.inspect().then(
      (info) => ({ id: info.Id, running: info.State.Running }),
      () => undefined,
    );
    if (state && !state.running && error instanceof Error && PORTS_NOT_BOUND.test(error.message))
      return stoppedBeforePortsBound(state.id);
    if (state) await created.remove({ force: true, v: true }).catch(() => undefined);
    throw error;
  } finally {
    deaths?.close();
  }
}
