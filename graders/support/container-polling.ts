export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PollOutcome<T> {
  value: T;
  /** Whether `done` accepted the last value (false: the budget ran out first). */
  done: boolean;
  attempts: number;
  elapsedMs: number;
}

/**
 * Calls `probe` until `done` accepts its value, every `intervalMs`, for at most `timeoutMs` of
 * waiting and at most `maxAttempts` calls (whichever comes first). Always probes at least once.
 * Graders take both budgets from their options, so tests can pass tiny ones.
 */
export async function poll<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  budget: { intervalMs: number; timeoutMs?: number; maxAttempts?: number },
): Promise<PollOutcome<T>> {
  const start = Date.now();
  const deadline = start + (budget.timeoutMs ?? Number.POSITIVE_INFINITY);
  const maxAttempts = budget.maxAttempts ?? Number.POSITIVE_INFINITY;
  for (let attempts = 1; ; attempts += 1) {
    const value = await probe();
    const accepted = done(value);
    const remainingMs = deadline - Date.now();
    if (accepted || attempts >= maxAttempts || remainingMs <= 0) {
      return { value, done: accepted, attempts, elapsedMs: Date.now() - start };
    }
    await sleep(Math.min(budget.intervalMs, remainingMs));
  }
}
