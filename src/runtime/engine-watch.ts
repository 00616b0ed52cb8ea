import type Docker from "dockerode";
import { setTimeout as sleep } from "node:timers/promises";

/** A time during which the engine did not answer (ms since the epoch); `to` unset while it lasts. */
export interface EngineOutage {
  from: number;
  to?: number;
  /** What the connection said (e.g. `connect ECONNREFUSED /var/run/docker.sock`). */
  cause: string;
}

/** A connection that could not be made or was cut: the engine is gone, not merely slow or refusing. */
export function isConnectionError(message: string): boolean {
  return /ECONNREFUSED|ECONNRESET|ENOENT|EPIPE|socket hang up|EHOSTUNREACH|ETIMEDOUT|connect E/i.test(message);
}

/**
 * Pings the engine every second during a batch and keeps the times it did not answer. A grading
 * that overlaps an outage cannot be trusted, whatever its checks said (after a restart the engine
 * stops every container: a check may then blame the learner's app); the batch waits for the
 * engine to come back before it starts the next submission. A slow answer is not an outage: the
 * hostile corpus loads the engine on purpose.
 */
export class EngineWatch {
  readonly outages: EngineOutage[] = [];
  private lastAnswer = Date.now();
  private timer?: NodeJS.Timeout;
  private pinging?: Promise<void>;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly docker: Docker,
    private readonly intervalMs = 1000,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.ping(), this.intervalMs).unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    for (const wake of this.waiters) wake();
  }

  get answering(): boolean {
    return !this.current;
  }

  private get current(): EngineOutage | undefined {
    const last = this.outages.at(-1);
    return last && last.to === undefined ? last : undefined;
  }

  /** Asks the engine at once (a request just failed to connect): an outage is recorded only if it does not answer. */
  pingNow(): Promise<void> {
    return this.ping();
  }

  private async ping(): Promise<void> {
    if (this.pinging) return this.pinging;
    this.pinging = this.answer().finally(() => (this.pinging = undefined));
    return this.pinging;
  }

  private async answer(): Promise<void> {
    try {
      // A hung engine must not stop the pings for good; a timeout is slowness, not an outage.
      const ping = this.docker.ping as unknown as (options: { abortSignal: AbortSignal }) => Promise<unknown>;
      await ping.call(this.docker, { abortSignal: AbortSignal.timeout(10_000) });
      this.answered();
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (isConnectionError(message)) this.lost(message);
    }
  }

  private answered(): void {
    this.lastAnswer = Date.now();
    const outage = this.current;
    if (outage) outage.to = this.lastAnswer;
    for (const wake of this.waiters) wake();
  }

  /**
   * A ping could not connect. The outage starts at the engine's last answer: what ran since then
   * is not to be trusted.
   */
  private lost(cause: string): void {
    if (this.current) return;
    this.outages.push({ from: this.lastAnswer, cause });
  }

  /** Resolves once the engine answers again, or after `maxMs`; true when it answers. */
  async waitUntilAnswering(maxMs: number): Promise<boolean> {
    if (this.answering) return true;
    const deadline = Date.now() + maxMs;
    while (!this.answering && Date.now() < deadline) {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.add(resolve)),
        sleep(Math.min(1000, Math.max(0, deadline - Date.now()))),
      ]);
      this.waiters.clear();
    }
    return this.answering;
  }

  /** The outage a grading from `start` to `end` overlapped, if any. */
  overlapping(start: number, end: number): EngineOutage | undefined {
    return this.outages.find((outage) => outage.from <= end && (outage.to ?? Infinity) >= start);
  }
}
