import type Docker from "dockerode";

/** One event of the engine's stream about a container (`health_status: healthy`, `die`...). */
export interface ContainerEvent {
  action: string;
}

export interface EventSubscription {
  /** Resolves with the first event `accept` takes, or undefined when the time is up or the stream ended. */
  next(accept: (event: ContainerEvent) => boolean, timeoutMs: number): Promise<ContainerEvent | undefined>;
  close(): void;
}

/**
 * Follows the engine's event stream for one container, so that a wait ends as soon as the engine
 * says so (a container turning healthy, dying) rather than at the next poll. Subscribe before
 * reading the state: an event between the read and the subscription cannot be missed.
 * Undefined when the engine offers no event stream (then callers poll).
 */
export async function subscribeToContainer(
  docker: Docker,
  containerId: string,
  actions: string[],
): Promise<EventSubscription | undefined> {
  const stream = (await docker
    .getEvents({ filters: { type: ["container"], container: [containerId], event: actions } })
    .catch(() => undefined)) as NodeJS.ReadableStream | undefined;
  if (!stream) return undefined;
  const queue: ContainerEvent[] = [];
  let waiting: (() => void) | undefined;
  let ended = false;
  let buffered = "";
  const wake = () => {
    const resume = waiting;
    waiting = undefined;
    resume?.();
  };
  stream.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf("\n");
      if (!line) continue;
      try {
        const event = JSON.parse(line) as { Action?: string; status?: string };
        queue.push({ action: event.Action ?? event.status ?? "" });
      } catch {
        // Not an event: ignore it, the next line is one.
      }
    }
    wake();
  });
  const end = () => {
    ended = true;
    wake();
  };
  stream.on("end", end);
  stream.on("error", end);
  stream.on("close", end);
  return {
    async next(accept, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = queue.findIndex(accept);
        if (index >= 0) return queue.splice(0, index + 1).at(-1);
        queue.length = 0;
        const remaining = deadline - Date.now();
        if (ended || remaining <= 0) return undefined;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiting = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    close() {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    },
  };
}
