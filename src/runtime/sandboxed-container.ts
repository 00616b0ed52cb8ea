import { GenericContainer, type StartedTestContainer, type WaitStrategy } from "testcontainers";

export interface SandboxLimits {
  memoryBytes: number;
  cpus: number;
  pids: number;
}

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
    this.hostConfig = {
      ...this.hostConfig,
      Privileged: false,
      CapDrop: ["NET_RAW", "MKNOD", "AUDIT_WRITE", "SYS_CHROOT", "SETFCAP"],
      SecurityOpt: ["no-new-privileges"],
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: Math.round(limits.cpus * 1e9),
      PidsLimit: limits.pids,
      Binds: [],
      Mounts: [],
      LogConfig: { Type: "json-file", Config: { "max-size": "1m", "max-file": "1" } },
    };
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
}

export async function startSandboxedContainer(request: StartRequest): Promise<StartedTestContainer> {
  const container = new SandboxedContainer(request.image, request.limits)
    .withName(request.name)
    .withLabels(request.labels)
    .withEnvironment(request.env)
    .withStartupTimeout(request.startupTimeoutMs);
  if (request.ports.length > 0) container.withExposedPorts(...request.ports);
  if (!request.network) container.withNetworkMode("none");
  return container.start();
}
