import { spawn, execFile } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import type Docker from "dockerode";
import { probeEngine, type EngineVersion } from "./docker-client.js";

export interface EngineFixOutcome {
  version?: EngineVersion;
  steps: string[];
}

function run(command: string, args: string[], log: (line: string) => void): Promise<void> {
  log(`$ ${command} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(" ")} failed: ${stderr.trim().split("\n").slice(-5).join("\n")}`)) : resolve(),
    );
  });
}

function onPath(binary: string): boolean {
  return (process.env.PATH ?? "").split(":").some((dir) => existsSync(`${dir}/${binary}`));
}

async function waitForEngine(docker: Docker, timeoutMs: number): Promise<EngineVersion | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const version = await probeEngine(docker, 2000);
    if (version) return version;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

/** Whether this machine lets dockgrade install and start an engine itself (Linux, root, apt). */
export function canFixEngine(): boolean {
  return process.platform === "linux" && process.getuid?.() === 0 && onPath("apt-get");
}

/**
 * Installs Debian's docker.io when no dockerd is present, starts the daemon in the background
 * (systemd when it runs, otherwise dockerd itself, logging to /var/log/dockgrade-dockerd.log)
 * and waits until the engine answers.
 */
export async function installAndStartEngine(docker: Docker, log: (line: string) => void): Promise<EngineFixOutcome> {
  const steps: string[] = [];
  if (!onPath("dockerd")) {
    await run("apt-get", ["update", "-qq"], log);
    await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "docker.io"], log);
    steps.push("installed docker.io");
  }
  if (existsSync("/run/systemd/system")) {
    await run("systemctl", ["start", "docker"], log);
    steps.push("systemctl start docker");
  } else {
    const logFile = "/var/log/dockgrade-dockerd.log";
    log(`$ dockerd  (background, log: ${logFile})`);
    const out = openSync(logFile, "a");
    spawn("dockerd", [], { detached: true, stdio: ["ignore", out, out] }).unref();
    steps.push(`started dockerd (log: ${logFile})`);
  }
  const version = await waitForEngine(docker, 90_000);
  return { version, steps };
}
