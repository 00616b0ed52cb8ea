import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { LABEL_MANAGED, LABEL_RUN, newId } from "../../src/runtime/labels.js";
import { countManagedObjects } from "../../src/runtime/remove-managed.js";
import { CLI, runCli } from "../support/cli.js";
import { docker } from "../support/engine.js";
import { engineProxy } from "../support/engine-proxy.js";
import { waitFor } from "../support/wait-for.js";

const SANTE = "exercises/03-images-conteneurs/04-sante";
const total = (objects: Awaited<ReturnType<typeof countManagedObjects>>) =>
  objects.containers + objects.images + objects.networks + objects.volumes;

/**
 * Waits until `running` holds; fails at once, with the child's output, if the child exits first,
 * and with its output so far if it never gets there.
 */
async function untilRunning(
  running: () => Promise<boolean>,
  exited: Promise<number | null>,
  output: () => string,
): Promise<void> {
  const early = exited.then((code) => {
    throw new Error(`grade exited with ${code} before that moment`);
  });
  early.catch(() => undefined);
  await Promise.race([waitFor(running, 240_000), early]).catch((error: Error) => {
    throw new Error(`${error.message}\n--- the grade's output so far ---\n${output()}`);
  });
}

describe("interruption and clean-up", () => {
  it.each([
    ["SIGINT", "build"],
    ["SIGINT", "container"],
    ["SIGTERM", "container"],
    ["SIGHUP", "container"],
  ] as const)("removes everything when %s arrives during the %s", async (signal, moment) => {
    const runId = `sig-${newId(3)}`;
    const child = spawn(process.execPath, [CLI, "grade", SANTE, `${SANTE}/solution`], {
      env: { ...process.env, DOCKGRADE_RUN_ID: runId },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // During the build, the builder's step container carries the labels; then the submission's own.
    const running = async () => {
      const containers = await docker.listContainers({ filters: { label: [`${LABEL_RUN}=${runId}`] } });
      return containers.some(
        (container) => moment === "build" || container.Names.some((name) => name.endsWith("-main")),
      );
    };
    await untilRunning(running, exited, () => `${stderr}${stdout}`);
    child.kill(signal);
    expect(await exited).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
    expect(stderr).toContain("nettoyage en cours / cleaning up");
    expect(await countManagedObjects(docker, runId)).toEqual({ containers: 0, images: 0, networks: 0, volumes: 0 });
  });

  it("goes on to its clean-up when the reader of its output goes away (`| head -1`)", async () => {
    const runId = `pipe-${newId(3)}`;
    const child = spawn(process.execPath, [CLI, "grade", SANTE, `${SANTE}/solution`], {
      env: { ...process.env, DOCKGRADE_RUN_ID: runId },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // The first live verdict arrives before the build: the reader then leaves, as `head -1` does.
    await new Promise<void>((resolve) => child.stderr.once("data", () => resolve()));
    child.stdout.destroy();
    child.stderr.destroy();
    // Exit 0 means every check passed: the submission was built and run after the reader left.
    // (Polling for its container instead timed out once while the accuracy corpus loaded the machine.)
    expect(await exited).toBe(0);
    expect(await countManagedObjects(docker, runId)).toEqual({ containers: 0, images: 0, networks: 0, volumes: 0 });
  });

  it("says so, exits 2 and tells how to clean up when the engine stops answering in the middle", async () => {
    const runId = `lost-${newId(3)}`;
    const proxy = await engineProxy();
    const child = spawn(process.execPath, [CLI, "grade", SANTE, `${SANTE}/solution`, "--lang", "en"], {
      env: { ...process.env, DOCKGRADE_RUN_ID: runId, DOCKER_HOST: proxy.host },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const mainContainer = async () =>
      (await docker.listContainers({ filters: { label: [`${LABEL_RUN}=${runId}`] } })).some((c) =>
        c.Names.some((name) => name.endsWith("-main")),
      );
    await waitFor(mainContainer, 120_000);
    await proxy.cut();
    expect(await exited).toBe(2);
    expect(output).toContain("The Docker engine stopped answering");
    expect(output).toContain(`dockgrade clean --run ${runId}`);
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
    // What the run could not remove, the command it names removes once the engine answers.
    expect(total(await countManagedObjects(docker, runId))).toBeGreaterThan(0);
    expect((await runCli(["clean", "--run", runId])).code).toBe(0);
    expect(total(await countManagedObjects(docker, runId))).toBe(0);
  });

  it("dockgrade clean --run removes what a killed run left, and only that run's objects", async () => {
    const runId = `clean-${newId(3)}`;
    const otherRun = `other-${newId(3)}`;
    const make = (run: string) =>
      docker.createContainer({
        Image: "python:3.11-slim",
        Cmd: ["true"],
        Labels: { [LABEL_MANAGED]: "true", [LABEL_RUN]: run },
      });
    const leftover = await make(runId);
    const bystander = await make(otherRun);
    try {
      const run = await runCli(["clean", "--run", runId]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("removed: 1 container(s)");
      expect(total(await countManagedObjects(docker, runId))).toBe(0);
      expect((await countManagedObjects(docker, otherRun)).containers).toBe(1);
    } finally {
      await leftover.remove({ force: true }).catch(() => undefined);
      await bystander.remove({ force: true }).catch(() => undefined);
    }
  });
});
