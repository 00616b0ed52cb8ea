/** Clean-ups to run when the process is interrupted; each session registers itself while it lives. */
const pending = new Set<() => Promise<void>>();
/** Clean-ups of the whole run, once the sessions' are done (the build cache, the run journal). */
const finally_ = new Set<() => Promise<void>>();
let installed = false;
let interrupted = false;

/** True once SIGINT/SIGTERM arrived: results computed after that are not reported. */
export function wasInterrupted(): boolean {
  return interrupted;
}

export function onInterrupt(cleanup: () => Promise<void>): () => void {
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}

/** Runs `cleanup` on interruption after every session's own clean-up. */
export function onInterruptFinally(cleanup: () => Promise<void>): () => void {
  finally_.add(cleanup);
  return () => finally_.delete(cleanup);
}

/**
 * On SIGINT/SIGTERM/SIGHUP, removes what running sessions created, then exits (130/143/129). Called by the
 * entry points only: a library does not take over a process's signals on import.
 */
export function installInterruptCleanup(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): void {
  if (installed) return;
  installed = true;
  let cleaning = false;
  // A persistent listener, not `once`: signal-exit (used by testcontainers' lock files) re-raises
  // the signal, killing the process mid-clean-up, when it finds itself the only listener.
  const handle = (signal: NodeJS.Signals, code: number) => {
    process.on(signal, async () => {
      if (cleaning) {
        log(`${signal}: arrêt immédiat / stopping now (\`dockgrade clean\` removes what is left)`);
        process.exit(code);
      }
      cleaning = true;
      interrupted = true;
      log(`\n${signal}: nettoyage en cours / cleaning up (${pending.size})…`);
      const watchdog = setTimeout(() => process.exit(code), 30_000);
      await Promise.allSettled([...pending].map((cleanup) => cleanup()));
      await Promise.allSettled([...finally_].map((cleanup) => cleanup()));
      clearTimeout(watchdog);
      process.exit(code);
    });
  };
  handle("SIGINT", 130);
  handle("SIGTERM", 143);
  // A closed terminal (or a killed tmux/ssh session) sends SIGHUP.
  handle("SIGHUP", 129);
}
