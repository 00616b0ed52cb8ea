import { execFile } from "node:child_process";
import { existsSync } from "node:fs";

export function runHostProgram(command: string, args: string[], log: (line: string) => void): Promise<void> {
  log(`$ ${command} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) =>
        error
          ? reject(new Error(`${command} ${args.join(" ")} failed: ${stderr.trim().split("\n").slice(-5).join("\n")}`))
          : resolve(),
    );
  });
}

export function onPath(binary: string): boolean {
  return (process.env.PATH ?? "").split(":").some((dir) => existsSync(`${dir}/${binary}`));
}

/** Installs the Debian packages whose program is missing (apt, as root). */
export async function ensureDebianPackages(
  needed: { program: string; debianPackage: string }[],
  log: (line: string) => void,
): Promise<string[]> {
  const missing = needed
    .filter((need) => !existsSync(need.program) && !onPath(need.program))
    .map((need) => need.debianPackage);
  if (missing.length === 0) return [];
  await runHostProgram("apt-get", ["update", "-qq"], log);
  await runHostProgram("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], log);
  return missing;
}
