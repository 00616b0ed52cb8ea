import { cp, mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const PACK = "exercises/03-images-conteneurs";

describe("grading a pack (several exercises) for a class", () => {
  it("matches each learner's sub-folders to the exercises and writes one gradebook", async () => {
    const work = await mkdtemp(join(tmpdir(), "dockgrade-pack-"));
    const pack = join(work, "pack");
    for (const exercise of ["01-tags", "03-cache"])
      await cp(join(PACK, exercise), join(pack, exercise), { recursive: true });
    const classe = join(work, "classe");
    await cp(join(PACK, "01-tags/solution"), join(classe, "alice/01-tags"), { recursive: true });
    await cp(join(PACK, "03-cache/solution"), join(classe, "alice/03-cache"), { recursive: true });
    await cp(join(PACK, "01-tags/fixtures/tag-oublie"), join(classe, "bob/01-tags"), { recursive: true });
    await mkdir(join(classe, "bob/notes"), { recursive: true });

    const gradebook = join(work, "notes.csv");
    const run = await runCli(["grade", pack, classe, "--format", `csv=${gradebook}`, "--format", "json"]);
    expect(run.code, run.stderr).toBe(1);
    const results = (
      JSON.parse(run.stdout) as {
        results: {
          learner: string;
          exercise: string;
          status: string;
          checks: { id: string; status: string; message: string }[];
        }[];
      }
    ).results;
    const failures = results.flatMap((result) =>
      result.checks
        .filter((check) => check.status !== "pass")
        .map((check) => `${result.learner}/${check.id}: ${check.message}`),
    );
    expect(
      results.map((result) => `${result.learner} ${result.exercise} ${result.status}`),
      failures.join("\n"),
    ).toEqual([
      "alice 03-images-conteneurs/01-tags passed",
      "alice 03-images-conteneurs/03-cache passed",
      "bob 03-images-conteneurs/01-tags failed",
      "bob 03-images-conteneurs/03-cache failed",
    ]);
    expect(results[3]!.checks[0]!.message).toContain("03-cache: dossier absent du rendu");
    const rows = parse(await (await import("node:fs/promises")).readFile(gradebook, "utf8"), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        learner: "alice",
        "03-images-conteneurs/01-tags": "14",
        "03-images-conteneurs/03-cache": "12",
        total: "26",
        max_total: "26",
        status: "graded",
      },
      {
        learner: "bob",
        "03-images-conteneurs/01-tags": "8",
        "03-images-conteneurs/03-cache": "0",
        total: "8",
        max_total: "26",
        status: "graded",
      },
    ]);
  });
});
