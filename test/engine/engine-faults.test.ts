import { spawn } from "node:child_process";
import { appendFile, cp, mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { journalFileName } from "../../src/runtime/journal-location.js";
import { readJournal } from "../../src/runtime/journal-records.js";
import { LABEL_MANAGED, LABEL_RUN, LABEL_SESSION, newId } from "../../src/runtime/labels.js";
import { countManagedObjects, listManagedImages } from "../../src/runtime/remove-managed.js";
import { CLI, runCli } from "../support/cli.js";
import { docker } from "../support/engine.js";
import { engineProxy } from "../support/engine-proxy.js";
import { waitFor } from "../support/wait-for.js";
import { faultyEngine } from "../support/faulty-engine.js";

const COUCHES = "exercises/03-images-conteneurs/02-couches";
const SANTE = "exercises/03-images-conteneurs/04-sante";
const total = (objects: Awaited<ReturnType<typeof countManagedObjects>>) =>
  objects.containers + objects.images + objects.networks + objects.volumes;

/** `dockgrade grade` as a child process, its output gathered, its exit awaited. */
function grade(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI, "grade", ...args, "--lang", "en", "--engine-wait", "1"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { exited, output: () => output };
}

/** A copy of a solution no earlier build has seen, so that every step really runs (no cache). */
async function freshCopy(exercise: string, into: string, name: string): Promise<string> {
  const dir = join(into, name);
  await cp(join(exercise, "solution"), dir, { recursive: true });
  await appendFile(join(dir, "app.py"), `\n# ${newId()}\n`);
  return dir;
}

describe("an engine that fails under a run", () => {
  it("leaves a journal naming the unlabelled steps of a build cut short; clean --run removes them, not a user's image", async () => {
    const work = await mkdtemp(join(tmpdir(), "dockgrade-journal-"));
    const state = join(work, "state");
    const runId = `cut-${newId(3)}`;
    const journalFile = join(state, "runs", journalFileName(runId));
    const proxy = await engineProxy();
    const submission = await freshCopy(COUCHES, work, "alice");
    const run = grade([COUCHES, submission], {
      DOCKER_HOST: proxy.host,
      DOCKGRADE_STATE_DIR: state,
      DOCKGRADE_RUN_ID: runId,
    });
    // Cut once the build has made an image and started the next step (the RUN), before its label step.
    await waitFor(async () => {
      const record = await readJournal(journalFile);
      const last = [...(record?.containers ?? [])].pop();
      return (record?.images.length ?? 0) > 0 && last !== undefined && last.id !== record?.containers[0]?.id;
    }, 120_000);
    await proxy.cut();
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain(`dockgrade clean --run ${runId}`);
    expect(run.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);

    const record = (await readJournal(journalFile))!;
    const present = new Set((await docker.listImages({ all: true })).map((image) => image.Id.slice(7, 19)));
    const leftSteps = record.images.filter((entry) => present.has(entry.id));
    // What the labels alone would not find: build steps below the label step.
    const labelled = new Set((await listManagedImages(docker, runId)).map((image) => image.Id.slice(7, 19)));
    expect(leftSteps.filter((entry) => !labelled.has(entry.id)).length).toBeGreaterThan(0);
    const userTag = `user-made-${newId(3)}:kept`;
    const [repo, tag] = userTag.split(":") as [string, string];
    await docker.getImage(leftSteps[0]!.id).tag({ repo, tag });
    try {
      const clean = await runCli(["clean", "--run", runId], { env: { DOCKGRADE_STATE_DIR: state } });
      expect(clean.code).toBe(0);
      expect(clean.stdout).toContain("kept: someone else named or built on it");
      const after = new Set((await docker.listImages({ all: true })).map((image) => image.Id.slice(7, 19)));
      expect(after.has(leftSteps[0]!.id)).toBe(true);
      const others = record.images.filter((entry) => entry.id !== leftSteps[0]!.id && after.has(entry.id));
      // Only the steps the user's image rests on stay (its parents), never an unrelated one.
      for (const entry of others)
        expect(record.images.indexOf(entry)).toBeLessThan(record.images.indexOf(leftSteps[0]!));
      const containers = await docker.listContainers({ all: true });
      for (const entry of record.containers) expect(containers.some((c) => c.Id.startsWith(entry.id))).toBe(false);
      expect(total(await countManagedObjects(docker, runId))).toBe(0);
      await expect(stat(journalFile)).rejects.toThrow();
    } finally {
      await docker
        .getImage(userTag)
        .remove()
        .catch(() => undefined);
    }
  });

  it("names a container the engine cannot remove, with the remedy, and exits 1 until it is gone", async () => {
    const runId = `held-${newId(3)}`;
    const container = await docker.createContainer({
      Image: "python:3.11-slim",
      Cmd: ["true"],
      name: `dockgrade-${runId}-main`,
      Labels: { [LABEL_MANAGED]: "true", [LABEL_RUN]: runId, [LABEL_SESSION]: runId },
    });
    // What Docker answers after a kill -9 when the container's root filesystem is still mounted.
    const busy = `container ${container.id}: driver "overlay2" failed to remove root filesystem: unlinkat /var/lib/docker/overlay2/0c1d2e3f/merged: device or resource busy`;
    const engine = await faultyEngine({
      answer: (method, path) =>
        method === "DELETE" && path === `/containers/${container.id}`
          ? { status: 500, body: { message: busy } }
          : undefined,
    });
    try {
      const held = await runCli(["clean", "--run", runId], { env: { DOCKER_HOST: engine.host } });
      expect(held.code).toBe(1);
      expect(held.stdout).toContain("Le moteur Docker retient 1 conteneur");
      expect(held.stdout).toContain("The Docker engine holds 1 container");
      expect(held.stdout).toContain(`dockgrade-${runId}-main (${container.id.slice(0, 12)}), run ${runId}: ${busy}`);
      expect(held.stdout).toContain("restart the engine");
      expect(held.stdout).toContain("umount");
      const freed = await runCli(["clean", "--run", runId]);
      expect(freed.code).toBe(0);
      expect(freed.stdout).toContain("removed: 1 container(s)");
    } finally {
      await engine.close();
      await container.remove({ force: true }).catch(() => undefined);
    }
  });

  it("puts every grading the engine died under in error, caches none of them, and the rerun regrades only those", async () => {
    const work = await mkdtemp(join(tmpdir(), "dockgrade-resume-"));
    const classe = join(work, "classe");
    await freshCopy(SANTE, classe, "alice");
    await freshCopy(SANTE, classe, "bob");
    const runId = `resume-${newId(3)}`;
    const cacheDir = join(work, "cache");
    const env = {
      DOCKGRADE_RESULT_CACHE: "on",
      DOCKGRADE_CACHE_DIR: cacheDir,
      DOCKGRADE_STATE_DIR: join(work, "state"),
    };
    const proxy = await engineProxy();
    const json = join(work, "first.json");
    const run = grade([SANTE, classe, "--concurrency", "1", "--format", `json=${json}`], {
      ...env,
      DOCKER_HOST: proxy.host,
      DOCKGRADE_RUN_ID: runId,
    });
    // Alice's result is kept as soon as she is graded; then the engine dies under Bob's container.
    const cached = async () =>
      Object.keys(
        (JSON.parse(await readFile(join(cacheDir, "results.json"), "utf8").catch(() => "{}")) as { byKey?: object })
          .byKey ?? {},
      ).length;
    await waitFor(async () => (await cached()) === 1, 180_000);
    await waitFor(
      async () =>
        (await docker.listContainers({ filters: { label: [`${LABEL_RUN}=${runId}`] } })).some((c) =>
          c.Names.some((name) => name.endsWith("-main")),
        ),
      120_000,
    );
    await proxy.cut();
    expect(await run.exited).toBe(2);
    const first = JSON.parse(await readFile(json, "utf8")) as {
      results: { learner: string; status: string; error?: string }[];
    };
    expect(first.results.map((result) => [result.learner, result.status])).toEqual([
      ["alice", "passed"],
      ["bob", "error"],
    ]);
    expect(first.results[1]!.error).toContain(`the Docker engine stopped answering at ${proxy.host}`);
    expect(await cached()).toBe(1);
    expect((await runCli(["clean", "--run", runId], { env })).code).toBe(0);

    const again = await runCli(["grade", SANTE, classe, "--format", "json", "--lang", "fr"], { env });
    expect(again.stderr).toContain(
      `1 résultat réutilisé (passage ${runId} du ${new Date().toISOString().slice(0, 10)}`,
    );
    expect(again.stderr).toContain("1 recorrigé (erreur au précédent passage)");
    const second = JSON.parse(again.stdout) as {
      results: { learner: string; status: string; reused?: boolean; reusedFrom?: { runId: string } }[];
    };
    expect(second.results.map((result) => [result.learner, result.status, result.reused ?? false])).toEqual([
      ["alice", "passed", true],
      ["bob", "passed", false],
    ]);
    expect(second.results[0]!.reusedFrom?.runId).toBe(runId);
  });
});
