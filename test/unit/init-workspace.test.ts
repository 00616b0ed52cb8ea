import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { dockgradeDependency, initCommand } from "../../src/cli/init-command.js";
import { resolveExerciseDir } from "../../src/cli/resolve-exercise.js";
import { UsageError } from "../../src/errors.js";
import { WORKSPACE_MACHINERY } from "../../src/workspace/workspace-files.js";

const PACK = "exercises/03-images-conteneurs";

async function newDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "dockgrade-init-")), "ws");
}

const patterns = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));

describe("dockgrade init: a folder a learner can live in", () => {
  it("from a bundled exercise's id: starter, statement, ignores, package.json, test file, CI workflow", async () => {
    const dir = await newDir();
    const printed: string[] = [];
    await initCommand("03-images-conteneurs/01-tags", dir, (text) => printed.push(text), {
      ci: "github",
      dockgradeSpec: "^0.1.0",
    });
    expect((await readdir(dir)).sort()).toEqual(
      [
        ".dockerignore",
        ".github",
        ".gitignore",
        "Dockerfile",
        "README.md",
        "app.py",
        "commandes.sh",
        "dockgrade.test.mjs",
        "package.json",
      ].sort(),
    );
    expect(await readFile(join(dir, "README.md"), "utf8")).toBe(await readFile(`${PACK}/01-tags/README.md`, "utf8"));
    expect(await readFile(join(dir, ".github/workflows/classroom.yml"), "utf8")).toBe(
      await readFile("src/cli/ci-templates/github.yml", "utf8"),
    );
    expect(patterns(await readFile(join(dir, ".dockerignore"), "utf8"))).toEqual([...WORKSPACE_MACHINERY]);
    expect(patterns(await readFile(join(dir, ".gitignore"), "utf8"))).toEqual(
      expect.arrayContaining(["node_modules/", ".dockgrade/", "dockgrade-junit.xml"]),
    );
    expect(JSON.parse(await readFile(join(dir, "package.json"), "utf8"))).toMatchObject({
      scripts: { test: "dockgrade test" },
      devDependencies: { dockgrade: "^0.1.0" },
      dockgrade: { exercise: "03-images-conteneurs/01-tags" },
    });
    expect(printed.join("")).toContain("espace de travail prêt");
  });

  it("keeps a starter's own .dockerignore and adds only the workspace files it lacks", async () => {
    const dir = await newDir();
    await initCommand(`${PACK}/02-couches`, dir, () => {}, { lang: "en", dockgradeSpec: "^0.1.0" });
    const starter = patterns(await readFile(`${PACK}/02-couches/starter/.dockerignore`, "utf8"));
    const written = patterns(await readFile(join(dir, ".dockerignore"), "utf8"));
    expect(written.slice(0, starter.length)).toEqual(starter);
    expect(new Set(written).size).toBe(written.length);
    expect(written).toEqual(expect.arrayContaining([...WORKSPACE_MACHINERY]));
  });

  it("rewrites a relative file: dependency against the workspace's folder, as npm reads it", () => {
    const workspace = "classe/mon-travail";
    expect(dockgradeDependency("file:dockgrade-0.1.0.tgz", workspace)).toBe("file:../../dockgrade-0.1.0.tgz");
    expect(dockgradeDependency("./vendor/dockgrade.tgz", workspace)).toBe("file:../../vendor/dockgrade.tgz");
    expect(dockgradeDependency(`file:${resolve("x.tgz")}`, workspace)).toBe(`file:${resolve("x.tgz")}`);
    for (const spec of ["^0.1.0", "git+https://example.org/dockgrade.git#v0.1.0", "https://example.org/d.tgz"])
      expect(dockgradeDependency(spec, workspace)).toBe(spec);
    expect(dockgradeDependency(undefined, workspace)).toBe(`file:${resolve(".")}`);
  });

  it("refuses a starter holding a name the workspace needs, and a folder that is not empty", async () => {
    const exercise = join(await mkdtemp(join(tmpdir(), "dockgrade-init-")), "exercise");
    await cp(`${PACK}/01-tags`, exercise, { recursive: true });
    await writeFile(join(exercise, "starter", "package.json"), "{}\n");
    await expect(initCommand(exercise, await newDir(), () => {})).rejects.toThrow(/package\.json.*réservés/);
    const used = await newDir();
    await initCommand(`${PACK}/01-tags`, used, () => {}, { dockgradeSpec: "^0.1.0" });
    await expect(initCommand(`${PACK}/01-tags`, used, () => {})).rejects.toBeInstanceOf(UsageError);
  });
});

describe("bundled exercises and the workspace's reserved names", () => {
  it("no starter, solution or fixture holds a file that a workspace leaves out of the build", async () => {
    const clashes: string[] = [];
    for (const exercise of await readdir(PACK, { withFileTypes: true })) {
      if (!exercise.isDirectory()) continue;
      const dir = join(PACK, exercise.name);
      const fixtures = await readdir(join(dir, "fixtures")).catch(() => []);
      for (const folder of ["starter", "solution", ...fixtures.map((name) => `fixtures/${name}`)])
        for (const name of await readdir(join(dir, folder)))
          if (WORKSPACE_MACHINERY.includes(name)) clashes.push(`${dir}/${folder}/${name}`);
    }
    expect(clashes).toEqual([]);
  });
});

describe("resolveExerciseDir", () => {
  it("takes a folder, a workspace (its package.json names the exercise) or a bundled id", async () => {
    expect(await resolveExerciseDir(`${PACK}/01-tags`)).toBe(`${PACK}/01-tags`);
    expect(await resolveExerciseDir("03-images-conteneurs/01-tags")).toBe(resolve(`${PACK}/01-tags`));
    expect(await resolveExerciseDir("03-images-conteneurs")).toBe(resolve(PACK));
    const workspace = await newDir();
    await initCommand("03-images-conteneurs/04-sante", workspace, () => {}, { dockgradeSpec: "^0.1.0" });
    expect(await resolveExerciseDir(workspace)).toBe(resolve(`${PACK}/04-sante`));
    // Not an id: left as given, so that the error names what the user typed.
    expect(await resolveExerciseDir("../exercises/03-images-conteneurs/01-tags")).toBe(
      "../exercises/03-images-conteneurs/01-tags",
    );
    expect(await resolveExerciseDir("absent/exercise")).toBe("absent/exercise");
  });
});
