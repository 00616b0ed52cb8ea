import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import { probeEngine } from "../src/runtime/docker-client.js";

/** Runs a shell command line given as configuration (how to kill or start the engine on this machine). */
export function runShell(command: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Waits until the engine answers; the time it took, or undefined after `timeoutMs`. */
export async function waitForEngine(docker: Docker, timeoutMs: number): Promise<number | undefined> {
  const began = Date.now();
  while (Date.now() - began < timeoutMs) {
    if (await probeEngine(docker, 2000)) return Date.now() - began;
    await sleep(500);
  }
  return undefined;
}
