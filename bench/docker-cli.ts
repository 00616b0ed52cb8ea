import { execFile } from "node:child_process";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `docker <argv>` as an instructor would type it (argv, no shell); never throws on a non-zero exit. */
export function docker(argv: string[], input?: { cwd?: string }): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      "docker",
      argv,
      { cwd: input?.cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DOCKER_BUILDKIT: "0" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    child.stdin?.end();
  });
}
