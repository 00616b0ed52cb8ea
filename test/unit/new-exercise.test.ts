import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCAFFOLD_FIXTURE } from "../../src/authoring/scaffold.js";
import { defaultExerciseId, newCommand } from "../../src/cli/new-command.js";
import { UsageError } from "../../src/errors.js";
import { loadExercise } from "../../src/exercise/load-exercise.js";
import { gradingCases } from "../support/exercise-cases.js";

async function newExercise(options: Parameters<typeof newCommand>[2] = {}) {
  const dir = join(await mkdtemp(join(tmpdir(), "dockgrade-new-")), "06-utilisateur");
  const printed: string[] = [];
  const code = await newCommand(dir, (text) => printed.push(text), options);
  return { dir, code, printed: printed.join("") };
}

describe("dockgrade new: a scaffold exercise", () => {
  it("writes a spec that loads, a statement in both languages, starter, solution and one fixture", async () => {
    const { dir, code } = await newExercise({ id: "03-images-conteneurs/06-utilisateur" });
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(
      ["README.en.md", "README.md", "exercise.yaml", "fixtures", "solution", "starter"].sort(),
    );
    const { spec } = await loadExercise(dir);
    expect(spec.id).toBe("03-images-conteneurs/06-utilisateur");
    expect(spec.checks.reduce((sum, check) => sum + check.points, 0)).toBe(spec.points);
    expect(spec.checks.some((check) => check.visibility === "hidden")).toBe(true);
    const ids = new Set(spec.checks.map((check) => check.id));
    const cases = gradingCases(dir);
    expect(cases.map((grading) => grading.name)).toEqual(["solution", SCAFFOLD_FIXTURE.name]);
    for (const grading of cases) for (const id of grading.fails) expect(ids).toContain(id);
    expect(await readdir(join(dir, "starter"))).toEqual(expect.arrayContaining(["Dockerfile", "commandes.sh"]));
    expect(await readFile(join(dir, "README.md"), "utf8")).toContain("## Travail demandé");
    expect(await readFile(join(dir, "README.en.md"), "utf8")).toContain("## What to do");
  });

  it("points the spec's schema line at dockgrade's JSON Schema", async () => {
    const { dir } = await newExercise();
    const first = (await readFile(join(dir, "exercise.yaml"), "utf8")).split("\n")[0]!;
    expect(first).toMatch(/^# yaml-language-server: \$schema=\S*schema\/exercise\.schema\.json$/);
    const target = first.split("$schema=")[1]!;
    expect(JSON.parse(await readFile(join(dir, target), "utf8"))).toHaveProperty("properties.checks");
  });

  it("takes its id from the folder, its title from --title, and prints the next steps in English", async () => {
    const { dir, printed } = await newExercise({ title: "Mon exercice", lang: "en" });
    const { spec } = await loadExercise(dir);
    expect(spec.id).toBe(defaultExerciseId(dir));
    expect(spec.id).toMatch(/^dockgrade-new-\w+\/06-utilisateur$/);
    expect(spec.title).toEqual({ fr: "Mon exercice", en: "Mon exercice" });
    expect(await readFile(join(dir, "README.md"), "utf8")).toMatch(/^# Mon exercice\n/);
    expect(await readdir(dir)).toContain("README.fr.md");
    expect(printed).toContain(`dockgrade verify ${dir}`);
    expect(printed).toContain(`dockgrade verify --mutants ${dir}`);
  });

  it("refuses a folder that is not empty, and writes nothing there", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-new-"));
    await writeFile(join(dir, "notes.txt"), "à garder\n");
    const attempt = newCommand(dir, () => {});
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(`${dir} : le dossier existe et n'est pas vide`);
    expect(await readdir(dir)).toEqual(["notes.txt"]);
  });

  it("refuses a file in place of the folder", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "dockgrade-new-")), "exercise.yaml");
    await writeFile(file, "");
    await expect(newCommand(file, () => {}, { lang: "en" })).rejects.toThrow(`${file}: is a file, not a folder`);
  });

  it("accepts an empty folder, and refuses an id that is not <chapter>/<exercise>", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-new-"));
    await mkdir(join(dir, "vide"));
    expect(await newCommand(join(dir, "vide"), () => {})).toBe(0);
    await expect(newCommand(join(dir, "autre"), () => {}, { id: "sans-chapitre", lang: "en" })).rejects.toThrow(
      "--id sans-chapitre: expected <chapter>/<exercise>",
    );
  });
});
