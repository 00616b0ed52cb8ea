import { access, mkdir, readdir, rmdir, writeFile } from "node:fs/promises";
import { constants } from "node:fs";
import { join } from "node:path";

const ROOT = "/sys/fs/cgroup";

export interface BuildCgroup {
  /** The `cgroupparent` to give the build: its step containers are created under it. */
  parent: string;
  remove(): Promise<void>;
}

/** Where the pids controller lives: cgroup v1 has its own hierarchy, v2 one unified tree. */
async function pidsRoot(): Promise<{ dir: string; unified: boolean } | undefined> {
  const writable = (path: string) =>
    access(path, constants.W_OK).then(
      () => true,
      () => false,
    );
  if (await writable(join(ROOT, "pids"))) return { dir: join(ROOT, "pids"), unified: false };
  if (await writable(join(ROOT, "cgroup.subtree_control"))) return { dir: ROOT, unified: true };
  return undefined;
}

/**
 * The Engine API has no pids limit for build steps, so a fork bomb in a RUN could exhaust the
 * host's process table. When dockgrade runs as root next to a local engine with cgroupfs, each
 * session's build runs under its own cgroup whose pids.max bounds every step. Elsewhere this
 * returns undefined and builds are bounded by time and memory only (`doctor` says so).
 */
export async function createBuildCgroup(sessionId: string, pidsMax: number): Promise<BuildCgroup | undefined> {
  const engineHost = process.env.DOCKER_HOST;
  if (engineHost && !engineHost.startsWith("unix://")) return undefined;
  const root = await pidsRoot();
  if (!root) return undefined;
  const parent = `/dockgrade/${sessionId}`;
  try {
    if (root.unified) {
      await writeFile(join(ROOT, "cgroup.subtree_control"), "+pids");
      await mkdir(join(ROOT, "dockgrade"), { recursive: true });
      await writeFile(join(ROOT, "dockgrade", "cgroup.subtree_control"), "+pids");
    }
    await mkdir(join(root.dir, parent), { recursive: true });
    await writeFile(join(root.dir, parent, "pids.max"), String(pidsMax));
  } catch {
    return undefined;
  }
  return {
    parent,
    async remove() {
      // The engine made the same folder in every controller it uses: remove each (empty by now).
      const controllers = root.unified ? [""] : await readdir(ROOT).catch(() => [] as string[]);
      await Promise.allSettled(controllers.map((controller) => rmdir(join(ROOT, controller, parent))));
    },
  };
}
