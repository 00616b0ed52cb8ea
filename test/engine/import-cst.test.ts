import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importCst } from "../../src/authoring/import-cst/import-cst.js";
import { loadExercise } from "../../src/exercise/load-exercise.js";
import { gradeSubmission } from "../../src/grading/grade-submission.js";
import { LABEL_RUN } from "../../src/runtime/labels.js";
import { listManagedImages } from "../../src/runtime/remove-managed.js";
import { runCli } from "../support/cli.js";
import { docker, runId } from "../support/engine.js";

const ENGINE = "test/fixtures/cst/engine";
const scratch = await mkdtemp(join(tmpdir(), "import-cst-engine-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function grade(cstFile: string, submission: string) {
  const target = join(scratch, "cours", cstFile.replace(/\W+/g, "-"));
  await importCst(cstFile, target, { force: true, lang: "en" });
  const result = await gradeSubmission(await loadExercise(target), submission, { docker, runId });
  const statuses = (status: string) => result.checks.filter((check) => check.status === status).map((c) => c.id);
  return { result, failed: statuses("fail").sort(), broken: statuses("error"), skipped: statuses("skip") };
}

describe("import-cst, then grade on the engine", () => {
  it("gives every point to an image that satisfies the CST file", async () => {
    const { result, failed, broken, skipped } = await grade(join(ENGINE, "cst.yaml"), join(ENGINE, "good"));
    expect({ failed, broken, skipped }).toEqual({ failed: [], broken: [], skipped: [] });
    expect(result.maxScore).toBe(20);
    expect(result.score).toBe(20);
  });

  it("fails exactly the checks of the assertions the image breaks", async () => {
    const { failed, broken, skipped } = await grade(join(ENGINE, "cst.yaml"), join(ENGINE, "broken"));
    expect({ broken, skipped }).toEqual({ broken: [], skipped: [] });
    expect(failed).toEqual(
      [
        "runs-as-app",
        "entry-script-executable",
        "config",
        "metadata-unbound-env-vars",
        "metadata-exposed-ports",
        "metadata-user",
      ].sort(),
    );
  });

  it("grades a real project's CST file (privacyidea-docker) against an image built from the local stand-in", async () => {
    const { result, failed, broken } = await grade(
      "test/fixtures/cst/real/privacyidea-docker.yaml",
      join(ENGINE, "privacyidea"),
    );
    expect({ failed, broken }).toEqual({ failed: [], broken: [] });
    expect(result.score).toBe(7);
  });

  it("leaves nothing labelled with this run on the engine", async () => {
    const containers = await docker.listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${runId}`] } });
    expect(containers).toEqual([]);
    expect(await listManagedImages(docker, runId)).toEqual([]);
  });
});

describe("dockgrade import-cst (CLI)", () => {
  it("prints the conversion report and exits 0 when it wrote the exercise", async () => {
    const run = await runCli(["import-cst", join(ENGINE, "cst.yaml"), join(scratch, "cli"), "--lang", "en"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("20 test(s) converted, 0 not converted, of 20.");
  });

  it("exits 2 with file:line and no stack trace when the file cannot be read", async () => {
    const run = await runCli(["import-cst", "test/fixtures/cst/own/unknown-field.yaml", join(scratch, "bad")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("test/fixtures/cst/own/unknown-field.yaml:8 fileExistenceTests[0].shouldexist");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
