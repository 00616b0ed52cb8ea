import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { gradeCommand } from "../../../src/cli/grade-command.js";
import { mergeCommand } from "../../../src/cli/merge-command.js";
import { checkReportScope } from "../../../src/report/index.js";
import { parseFormats, writeReports } from "../../../src/cli/report-outputs.js";
import { UsageError } from "../../../src/errors.js";
import { classRun, submission } from "./sample-run.js";

describe("writing reports", () => {
  it("writes no Gradescope results.json when grading could not complete, removes a stale one, says why", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-outputs-"));
    const results = join(dir, "results.json");
    await writeFile(results, '{"score": 10}');
    const notices: string[] = [];
    const stdout: string[] = [];
    await writeReports(
      parseFormats([`gradescope=${results}`, `json=${join(dir, "run.json")}`, "text"]),
      { results: [submission()] },
      { lang: "en", notice: (text) => notices.push(text) },
      (text) => stdout.push(text),
    );
    expect(existsSync(results)).toBe(false);
    expect(JSON.parse(await readFile(join(dir, "run.json"), "utf8")).results).toHaveLength(1);
    expect(stdout.join("")).toContain("élodie");
    expect(notices).toEqual([
      "--format gradescope: not written, grading could not complete for élodie (03-images-conteneurs/01-tags): no gradescope result is better than a wrong grade; grade again\n",
    ]);
  });

  it("says which folders the roster does not know, and which rows a gradebook import leaves out", async () => {
    const notices: string[] = [];
    const run = classRun();
    run.results[2] = { ...run.results[2]!, status: "error", error: "engine lost" };
    const roster = [{ id: "s1", name: "Alice", folder: "alice", line: 2 }];
    const stdout: string[] = [];
    await writeReports(
      parseFormats(["canvas", "moodle=/dev/null"]),
      run,
      { lang: "en", roster, notice: (text) => notices.push(text) },
      (text) => stdout.push(text),
    );
    expect(notices).toEqual([
      "--roster: not in the roster (kept, without a student): base-non-epinglee, commande-dangereuse, image-complete, sans-dockerfile, tag-oublie, trop-de-couches\n",
      "--format canvas: left out (could not be graded: grade again): commande-dangereuse\n",
      "--format moodle: left out (not in the roster, or could not be graded): base-non-epinglee, commande-dangereuse, image-complete, sans-dockerfile, tag-oublie, trop-de-couches\n",
    ]);
    expect(stdout.join("")).toContain("\r\nAlice,,s1,s1,,12\r\n");
  });

  it("dockgrade merge joins shards into a gradebook keyed by the roster's students", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-merge-"));
    const [first, ...others] = classRun().results;
    await writeFile(join(dir, "a.json"), JSON.stringify({ results: [first] }));
    await writeFile(join(dir, "b.json"), JSON.stringify({ results: others }));
    await writeFile(join(dir, "roster.csv"), "folder,id,name\nalice,s1,Alice\ntag-oublie,s2,Tess\n");
    const stdout: string[] = [];
    const notices: string[] = [];
    const exitCode = await mergeCommand([join(dir, "a.json"), join(dir, "b.json")], {
      format: ["moodle"],
      lang: "en",
      roster: join(dir, "roster.csv"),
      write: (text) => stdout.push(text),
      notice: (text) => notices.push(text),
    });
    expect(exitCode).toBe(1);
    expect(stdout.join("")).toBe(
      "\uFEFFIdentifier,Full name,03-images-conteneurs/01-tags\r\ns1,Alice,12\r\ns2,Tess,6\r\n",
    );
    expect(notices[0]).toMatch(/^--roster: not in the roster \(kept, without a student\): base-non-epinglee, /);
  });

  it("refuses a format for one submission with a class, before any build", () => {
    expect(() => checkReportScope(["gradescope"], 7)).toThrow(UsageError);
    expect(() => checkReportScope(["prairielearn"], 2)).toThrow(
      "--format prairielearn: grades one submission per run (a prairielearn job), but 2 were given",
    );
    expect(() => checkReportScope(["gradescope", "prairielearn", "csv"], 1)).not.toThrow();
  });

  it("dockgrade grade refuses it before asking the engine anything", async () => {
    // No engine answers there: had the engine been asked first, the error would say so.
    vi.stubEnv("DOCKER_HOST", "unix:///nonexistent/docker.sock");
    vi.stubEnv("DOCKGRADE_RESULT_CACHE", "off");
    try {
      const exercise = "exercises/03-images-conteneurs/01-tags";
      const grading = gradeCommand(exercise, [`${exercise}/solution`, `${exercise}/fixtures/tag-oublie`], {
        format: ["gradescope=/dev/null"],
        lang: "en",
        buildNetwork: "none",
        write: () => {},
      });
      await expect(grading).rejects.toThrow(UsageError);
      await expect(grading).rejects.toThrow("--format gradescope: grades one submission per run");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
