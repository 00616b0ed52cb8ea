import { spawn } from "node:child_process";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDockerClient } from "../../src/runtime/docker-client.js";
import { LABEL_BUILD, LABEL_RUN, newId } from "../../src/runtime/labels.js";
import { copyAnswer, installedBin, packedPackage, scratchFolder, seedNodeModules } from "../support/packed-package.js";
import { npmInstall, run, userEnv } from "../support/user-shell.js";

const bundled = (id: string) => join(packedPackage().installed, "node_modules/dockgrade/exercises", id);

interface JsonRun {
  results: {
    score: number;
    maxScore: number;
    checks: { id: string; status: string; points: number }[];
  }[];
}

/** A workspace made by the installed dockgrade, dockgrade installed in it from the tarball. */
async function installedWorkspace(id: string, answer: string): Promise<string> {
  const { installed, tarball } = packedPackage();
  const workspace = join(await scratchFolder("workspace"), "ws");
  const init = await run(
    installedBin(installed),
    ["init", id, workspace, "--dockgrade-spec", `file:${tarball}`],
    installed,
  );
  expect(init.code, init.stderr).toBe(0);
  await copyAnswer(answer, workspace);
  await seedNodeModules(workspace);
  const install = await npmInstall(workspace, ["--offline"]);
  expect(install.code, install.stderr).toBe(0);
  return workspace;
}

async function gradeJson(exercise: string, submission: string, cwd: string): Promise<JsonRun["results"][number]> {
  const graded = await run(
    installedBin(packedPackage().installed),
    ["grade", exercise, submission, "--format", "json"],
    cwd,
  );
  expect(graded.code, graded.stderr).toBeLessThan(2);
  return (JSON.parse(graded.stdout) as JsonRun).results[0]!;
}

const verdicts = (result: JsonRun["results"][number]) =>
  result.checks.map((check) => `${check.id} ${check.status} ${check.points}`);

describe("a learner workspace is a folder a learner can live in", () => {
  it("node_modules (an installed dockgrade, ~100 MB) stays out of the image: 02-couches's COPY . . gets full marks, as in a bare folder", async () => {
    const id = "03-images-conteneurs/02-couches";
    const workspace = await installedWorkspace(id, join(bundled(id), "solution"));
    expect(await readdir(join(workspace, "node_modules"))).toContain("dockgrade");
    // Learners delete files: the solution's own .dockerignore, and the workspace's, are gone.
    await rm(join(workspace, ".dockerignore"));

    const inWorkspace = await gradeJson(".", ".", workspace);
    const bare = await gradeJson(id, join(bundled(id), "solution"), workspace);
    expect(verdicts(inWorkspace)).toEqual(verdicts(bare));
    expect(inWorkspace.score).toBe(inWorkspace.maxScore);

    // The same folder when it is not a workspace (no dockgrade.exercise): node_modules goes into the image.
    const manifest = JSON.parse(await readFile(join(workspace, "package.json"), "utf8"));
    delete manifest.dockgrade;
    await writeFile(join(workspace, "package.json"), JSON.stringify(manifest));
    const notWorkspace = await gradeJson(id, ".", workspace);
    expect(notWorkspace.checks.find((check) => check.id === "taille")?.status).toBe("fail");
  });

  it("dockgrade test --watch regrades when the Dockerfile is saved; Ctrl-C leaves nothing on the engine", async () => {
    const id = "03-images-conteneurs/01-tags";
    const workspace = await installedWorkspace(id, join(bundled(id), "solution"));
    const runId = `watch-${newId(3)}`;
    // `npm test -- --watch` runs exactly this.
    const child = spawn(installedBin(workspace), ["test", "--watch"], {
      cwd: workspace,
      env: userEnv({ DOCKGRADE_RUN_ID: runId }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const waiters: (() => void)[] = [];
    for (const stream of [child.stdout, child.stderr])
      stream.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        waiters.forEach((wake) => wake());
      });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const waitFor = (pattern: RegExp, from: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${output}`)), 300_000);
        const check = () => {
          if (pattern.test(output.slice(from))) {
            clearTimeout(timer);
            resolve();
          }
        };
        waiters.push(check);
        check();
      });
    try {
      await waitFor(/Tests\s+(\d+) passed \(\1\)/, 0);
      const mark = output.length;
      // Saving a Dockerfile with three RUN layers more: the layer check fails, the others pass.
      await cp(join(bundled(id), "fixtures/trop-de-couches/Dockerfile"), join(workspace, "Dockerfile"));
      await waitFor(/Tests\s+1 failed \| \d+ passed \(\d+\)/, mark);
      expect(output.slice(mark)).toContain("[couches]");
      await waitFor(/Watching for file changes|waiting for file changes/i, mark);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(130);
    const docker = createDockerClient();
    const containers = await docker.listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${runId}`] } });
    const images = (await docker.listImages({ all: true, filters: { label: [LABEL_BUILD] } })).filter((image) =>
      image.Labels?.[LABEL_BUILD]?.startsWith(`${runId}/`),
    );
    expect({ containers, images }).toEqual({ containers: [], images: [] });
  });
});
