import { homedir, tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";

/**
 * Where run journals go, first choice first. Per user, not per folder: `dockgrade clean` run from
 * any folder finds them, and an instructor without root writes in their own home.
 * - `DOCKGRADE_STATE_DIR/runs` when set (and then only there);
 * - `$XDG_STATE_HOME/dockgrade/runs`, by default `~/.local/state/dockgrade/runs` (the XDG base
 *   directory for state that outlives a process but is not worth a backup);
 * - `<tmp>/dockgrade-<uid>/runs` when there is no writable home (a CI container with HOME=/).
 */
export function journalDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.DOCKGRADE_STATE_DIR) return [join(env.DOCKGRADE_STATE_DIR, "runs")];
  const dirs: string[] = [];
  const xdg = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : undefined;
  const home = safeHome();
  const state = xdg ?? (home ? join(home, ".local", "state") : undefined);
  if (state) dirs.push(join(state, "dockgrade", "runs"));
  dirs.push(join(tmpdir(), `dockgrade-${process.getuid?.() ?? "user"}`, "runs"));
  return dirs;
}

function safeHome(): string | undefined {
  try {
    const home = homedir();
    return home && home !== "/" ? home : undefined;
  } catch {
    return undefined;
  }
}

/** A run id as a file name: `DOCKGRADE_RUN_ID` may hold anything a CI system calls a job. */
export function journalFileName(runId: string): string {
  return `${runId.replace(/[^A-Za-z0-9._-]/g, "_")}.jsonl`;
}
