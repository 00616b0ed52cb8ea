import { spawn } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import { probeEngine, type EngineVersion } from "../docker-client.js";
import { ensureDebianPackages, onPath, runHostProgram } from "./host-packages.js";

export interface EngineFixOutcome {
  version?: EngineVersion;
  steps: string[];
}

async function waitForEngine(docker: Docker, timeoutMs: number): Promise<EngineVersion | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const version = await probeEngine(docker, 2000);
    if (version) return version;
    await sleep(500);
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
  const installed = await ensureDebianPackages([{ program: "dockerd", debianPackage: "docker.io" }], log);
  if (installed.length > 0) steps.push("installed docker.io");
  if (existsSync("/run/systemd/system")) {
    await runHostProgram("systemctl", ["start", "docker"], log);
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
