export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PollOutcome<T> {
  value: T;
  /** Whether `done` accepted the last value (false: the budget ran out first, or `settled` said so). */
  done: boolean;
  /** True when polling ended because `settled` said nothing could change any more. */
  settled: boolean;
  attempts: number;
  elapsedMs: number;
}

/**
 * Calls `probe` until `done` accepts its value, every `intervalMs`, for at most `timeoutMs` of
 * waiting and at most `maxAttempts` calls (whichever comes first). Always probes at least once.
 * Graders take both budgets from their options, so tests can pass tiny ones. `settled`, asked
 * after each refused value, ends the wait early when waiting cannot help (the container stopped).
 */
export async function poll<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  budget: { intervalMs: number; timeoutMs?: number; maxAttempts?: number; settled?: () => Promise<boolean> },
): Promise<PollOutcome<T>> {
  const start = Date.now();
  const deadline = start + (budget.timeoutMs ?? Number.POSITIVE_INFINITY);
  const maxAttempts = budget.maxAttempts ?? Number.POSITIVE_INFINITY;
  for (let attempts = 1; ; attempts += 1) {
    const value = await probe();
    const accepted = done(value);
    const remainingMs = deadline - Date.now();
    if (accepted || attempts >= maxAttempts || remainingMs <= 0) {
      return { value, done: accepted, settled: false, attempts, elapsedMs: Date.now() - start };
    }
    if (budget.settled && (await budget.settled())) {
      // One last look: what came just before the end (a crash's last log lines) counts.
      const last = await probe();
      return { value: last, done: done(last), settled: true, attempts: attempts + 1, elapsedMs: Date.now() - start };
    }
    await sleep(Math.min(budget.intervalMs, remainingMs));
  }
}

/** For `settled`: a stopped container's logs, answers and state will not change any more. */
export function hasStopped(container: { state(): Promise<{ running: boolean }> }): () => Promise<boolean> {
  return async () => !(await container.state().catch(() => ({ running: false }))).running;
}
