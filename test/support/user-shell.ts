import { execFile } from "node:child_process";
import type { CliRun } from "./cli.js";

export const npm = process.platform === "win32" ? "npm.cmd" : "npm";
/**
 * The environment of a user's shell: without what `npm test` and vitest set for their own
 * children (npm_config_*, npm_package_*, VITEST…), which would make the npm or vitest run
 * below believe it is part of this checkout's.
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(npm_|VITEST|INIT_CWD$|NODE_OPTIONS$|TEST$|NODE_ENV$|FORCE_COLOR$|NO_COLOR$)/i.test(key),
    ),
  );
  // Dependencies come from the npm cache when it has them (the registry otherwise).
  return { ...env, npm_config_prefer_offline: "true", NO_COLOR: "1", ...extra };
}

/** Runs a program as a user would type it (no shell), in `cwd`, with the user's environment. */
export function run(
  program: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 600_000,
): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      program,
      args,
      { cwd, env: userEnv(env), maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** `npm install` with the flags the README gives. */
export function npmInstall(cwd: string, args: string[] = []): Promise<CliRun> {
  return run(npm, ["install", "--no-audit", "--no-fund", ...args], cwd);
}
