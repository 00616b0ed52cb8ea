import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, copyFile, mkdir, rename } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/**
 * A learner's account on Linux: not root, in the `docker` group (the engine's socket is
 * `root:docker`, mode 660). Created when absent; only root can create it.
 */
export const LEARNER = "dockgrade-learner";

export function canCreateLearner(): boolean {
  return process.platform === "linux" && process.getuid?.() === 0;
}

/** Creates the learner account when absent; returns its home folder. */
export async function ensureLearner(): Promise<string> {
  const exists = await exec("id", ["-u", LEARNER]).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await exec("groupadd", ["-f", "docker"]);
    await exec("useradd", ["--create-home", "--groups", "docker", LEARNER]);
  } else {
    await exec("usermod", ["--append", "--groups", "docker", LEARNER]);
  }
  const { stdout } = await exec("getent", ["passwd", LEARNER]);
  return stdout.trim().split(":")[5]!;
}

/** Gives a folder (and what it holds) to the learner, as if the learner had made it. */
export async function giveToLearner(path: string): Promise<void> {
  await exec("chown", ["-R", `${LEARNER}:${LEARNER}`, path]);
}

/**
 * The argv that runs `program args...` as the learner, with a login-like environment (its HOME,
 * USER) plus `env`: `runuser` drops root's supplementary groups and takes the learner's own.
 */
export function asLearner(home: string, env: Record<string, string>, program: string, args: string[]): string[] {
  const variables = Object.entries({ ...env, HOME: home, USER: LEARNER, LOGNAME: LEARNER }).map(
    ([key, value]) => `${key}=${value}`,
  );
  return ["runuser", "-u", LEARNER, "--", "env", ...variables, program, ...args];
}

/**
 * A folder holding a `node` the learner can run, of the version running the tests: this one when
 * the learner can reach it, else a copy in the temporary folder (CI keeps its Node.js under
 * root's home, which other accounts cannot enter; a learner has a Node.js of their own).
 */
export async function learnerNodeFolder(home: string): Promise<string> {
  const reachable = await exec(...splitArgv(asLearner(home, {}, "test", ["-x", process.execPath]))).then(
    () => true,
    () => false,
  );
  if (reachable) return dirname(process.execPath);
  const folder = join(tmpdir(), `dockgrade-learner-node-${process.version}`);
  const node = join(folder, "node");
  if (!existsSync(node)) {
    await mkdir(folder, { recursive: true, mode: 0o755 });
    await copyFile(process.execPath, `${node}.partial`);
    await chmod(`${node}.partial`, 0o755);
    await rename(`${node}.partial`, node);
  }
  await chmod(folder, 0o755);
  return folder;
}

function splitArgv(argv: string[]): [string, string[]] {
  return [argv[0]!, argv.slice(1)];
}
