import { cp, readdir, readFile, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { copyAnswer, installedBin, packedPackage, removeFiles, scratchFolder } from "../support/packed-package.js";
import { npm, npmInstall, run } from "../support/user-shell.js";

const ID = "03-images-conteneurs/01-tags";
const BUNDLED = `node_modules/dockgrade/exercises/${ID}`;

interface JsonRun {
  results: { status: string; score: number; maxScore: number; checks: { id: string; status: string }[] }[];
}

const failedChecks = (output: string) =>
  (JSON.parse(output) as JsonRun).results.flatMap((result) =>
    result.checks.filter((check) => check.status === "fail").map((check) => check.id),
  );

/** The installs npx made (in ~/.npm/_npx, one folder per package spec) of a tarball under `root`. */
async function removeNpxInstalls(root: string): Promise<void> {
  const cache = join(homedir(), ".npm", "_npx");
  for (const entry of await readdir(cache).catch(() => [])) {
    const manifest = await readFile(join(cache, entry, "package.json"), "utf8").catch(() => "{}");
    const spec = (JSON.parse(manifest) as { dependencies?: Record<string, string> }).dependencies?.dockgrade ?? "";
    if (spec.startsWith("file:") && resolve(cache, entry, spec.slice("file:".length)).startsWith(`${root}/`))
      await rm(join(cache, entry), { recursive: true, force: true });
  }
}

describe("dockgrade installed from its tarball (npm install ./dockgrade-x.y.z.tgz), outside the checkout", () => {
  it("doctor, grade (a bundled exercise by path and by id), schema", async () => {
    const { installed } = packedPackage();
    // The installed copy is a real folder, not a link back to the checkout.
    const manifest = JSON.parse(await readFile(join(installed, "node_modules/dockgrade/package.json"), "utf8"));
    expect(manifest.name).toBe("dockgrade");
    // What package.json's `files` ships: the build, the docs, the exercises, the schema, the CI templates.
    expect((await readdir(join(installed, "node_modules/dockgrade"))).sort()).toEqual(
      ["README.md", "dist", "docs", "exercises", "package.json", "schema", "scripts", "src"].sort(),
    );
    expect(await readdir(join(installed, "node_modules/dockgrade/src"), { recursive: true })).toEqual(
      expect.arrayContaining(["cli/ci-templates/github.yml", "cli/ci-templates/gitlab.yml"]),
    );

    const doctor = await run("npx", ["dockgrade", "doctor"], installed);
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    expect(doctor.stdout).toMatch(/✔ engine .*Docker/);

    const byPath = await run(
      installedBin(installed),
      ["grade", BUNDLED, `${BUNDLED}/solution`, "--format", "json"],
      installed,
    );
    expect(byPath.code, byPath.stdout + byPath.stderr).toBe(0);
    const [result] = (JSON.parse(byPath.stdout) as JsonRun).results;
    expect(result).toMatchObject({ status: "passed", score: result!.maxScore });

    const byId = await run(
      installedBin(installed),
      ["grade", ID, `${BUNDLED}/fixtures/tag-oublie`, "--format", "json"],
      installed,
    );
    expect(byId.code, byId.stdout + byId.stderr).toBe(1);
    expect(failedChecks(byId.stdout)).toEqual(["tags"]);

    const schema = await run(installedBin(installed), ["schema"], installed);
    expect(schema.code, schema.stderr).toBe(0);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(await readFile("schema/exercise.schema.json", "utf8")));

    const unknown = await run(installedBin(installed), ["grade", "03-images-conteneurs/99-absent", "."], installed);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it("init + npm install + npm test: a correct answer passes (exit 0), the starter fails (exit 1) with hints", async () => {
    const { installed, tarball } = packedPackage();
    const work = await scratchFolder("learner");
    // As the README says: the tarball's path as typed from the current folder.
    const init = await run(
      installedBin(installed),
      ["init", ID, "mon-travail", "--dockgrade-spec", `file:${relative(work, tarball)}`],
      work,
    );
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("cd mon-travail && npm install && npm test");
    const workspace = join(work, "mon-travail");
    const files = await readdir(workspace);
    expect(files).toEqual(
      expect.arrayContaining(["README.md", ".gitignore", ".dockerignore", "package.json", "dockgrade.test.mjs"]),
    );
    expect(await readFile(join(workspace, "README.md"), "utf8")).toBe(
      await readFile(join(installed, BUNDLED, "README.md"), "utf8"),
    );
    const dependency = JSON.parse(await readFile(join(workspace, "package.json"), "utf8")).devDependencies.dockgrade;
    // npm reads a relative file: path from the workspace's folder.
    expect(dependency).toBe(`file:${relative(workspace, tarball)}`);

    const install = await npmInstall(workspace);
    expect(install.code, install.stderr).toBe(0);

    await copyAnswer(join(installed, BUNDLED, "solution"), workspace);
    const passing = await run(npm, ["test"], workspace);
    const passingOutput = passing.stdout + passing.stderr;
    expect(passing.code, passingOutput).toBe(0);
    expect(passingOutput).toMatch(/Tests\s+(\d+) passed \(\1\)/);

    await removeFiles(workspace, await readdir(join(installed, BUNDLED, "solution")));
    await copyAnswer(join(installed, BUNDLED, "starter"), workspace);
    const failing = await run(npm, ["test"], workspace);
    const failingOutput = failing.stdout + failing.stderr;
    expect(failing.code, failingOutput).toBe(1);
    expect(failingOutput).toContain("[base-epinglee]");
    expect(failingOutput).toContain("piste:");
    // A failed check is the learner's answer, not dockgrade's code: no stack frame into dockgrade.
    expect(failingOutput).not.toMatch(/dockgrade\/(dist|src)\/.*:\d+:\d+/);

    const english = await run(npm, ["test", "--", "--lang", "en"], workspace);
    expect(english.code).toBe(1);
    expect(english.stdout + english.stderr).toContain("hint:");
  });

  it("installed globally (npm install -g --prefix), a bundled exercise by id", async () => {
    const { tarball, installed } = packedPackage();
    const prefix = await scratchFolder("global");
    const install = await run(npm, ["install", "-g", "--no-audit", "--no-fund", "--prefix", prefix, tarball], prefix);
    expect(install.code, install.stderr).toBe(0);
    const elsewhere = await scratchFolder("elsewhere");
    const graded = await run(
      join(prefix, "bin", "dockgrade"),
      ["grade", ID, join(installed, BUNDLED, "solution")],
      elsewhere,
    );
    expect(graded.code, graded.stdout + graded.stderr).toBe(0);
    expect(graded.stdout).toMatch(/Score : (\d+)\/\1/);
    const init = await run(join(prefix, "bin", "dockgrade"), ["init", ID, "ws", "--lang", "en"], elsewhere);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("workspace ready in ws");
  });

  it("through npx --package <tarball>, from a folder holding the tarball (the README's command)", async () => {
    const { root, tarball, installed } = packedPackage();
    const folder = await scratchFolder("npx");
    await cp(tarball, join(folder, basename(tarball)));
    // The README says `--package ./dockgrade-x.y.z.tgz`; npx keys its cache on that text, so a test
    // run gives the absolute path, which no other run has: it never reuses an older tarball's install.
    const npx = ["--yes", "--package", join(folder, basename(tarball)), "dockgrade"];
    try {
      const graded = await run("npx", [...npx, "grade", ID, join(installed, BUNDLED, "solution")], folder);
      expect(graded.code, graded.stdout + graded.stderr).toBe(0);
      const init = await run(
        "npx",
        [...npx, "init", ID, "mon-travail", "--dockgrade-spec", `file:${basename(tarball)}`],
        folder,
      );
      expect(init.code, init.stderr).toBe(0);
      const manifest = JSON.parse(await readFile(join(folder, "mon-travail", "package.json"), "utf8"));
      expect(manifest.devDependencies.dockgrade).toBe(`file:../${basename(tarball)}`);
      // Without --dockgrade-spec the workspace would point into npx's cache: init says so.
      const linked = await run("npx", [...npx, "init", ID, "lien"], folder);
      expect(linked.code, linked.stderr).toBe(0);
      expect(linked.stdout).toContain("--dockgrade-spec");
    } finally {
      await removeNpxInstalls(root);
    }
  });
});
