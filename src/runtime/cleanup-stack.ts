/**
 * What a part of the runtime creates goes on one stack of clean-ups, run last-in first-out (a
 * container goes before the image it runs). The shape of the standard AsyncDisposableStack,
 * which Node 22 does not have yet; unlike it, a failing clean-up never stops the others.
 */
export class CleanupStack implements AsyncDisposable {
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Runs `cleanup` at disposal; added after disposal, it runs at once. */
  defer(cleanup: () => Promise<unknown> | unknown): void {
    const run = async () => cleanup();
    if (this.disposed) void run().catch(() => undefined);
    else this.cleanups.push(run);
  }

  /** Disposes `resource` with the stack, and returns it. */
  use<T extends AsyncDisposable | undefined>(resource: T): T {
    if (resource) this.defer(() => resource[Symbol.asyncDispose]());
    return resource;
  }

  /** Runs every clean-up, newest first, each once; safe to call twice. */
  async disposeAsync(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    while (this.cleanups.length > 0) await this.cleanups.pop()!().catch(() => undefined);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.disposeAsync();
  }
}
