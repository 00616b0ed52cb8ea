import { mkdtemp, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli, runProgram } from "../support/cli.js";

const TAGS = "exercises/03-images-conteneurs/01-tags";

describe("dockgrade grade (CLI)", () => {
  it("gives full marks to the solution and exits 0", async () => {
    const run = await runCli(["grade", TAGS, `${TAGS}/solution`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Score : (\d+)\/\1 /);
    // Standard error carries only the live verdicts, the Dockerfile's own check first, before the build.
    const live = run.stderr.trimEnd().split("\n");
    expect(live).toHaveLength(5);
    expect(live[0]).toMatch(/^ {2}✔ L'image de base est épinglée sur une version à \d+(\.\d)? m?s$/);
    for (const line of live) expect(line).toMatch(/^ {2}✔ .* à \d+(\.\d)? m?s$/);
  });

  it("grades without loading what the engine client requires for features dockgrade does not use", async () => {
    // A preload that lists, at exit, the CommonJS modules the run loaded.
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-loaded-"));
    const preload = join(dir, "list-loaded.cjs");
    await writeFile(
      preload,
      'process.on("exit", () => process.stderr.write(`loaded: ${JSON.stringify(Object.keys(require.cache))}\\n`));\n',
    );
    const run = await runProgram(process.execPath, ["--require", preload, CLI, "grade", TAGS, `${TAGS}/solution`]);
    expect(run.code, run.stderr).toBe(0);
    const loaded = JSON.parse(/^loaded: (.*)$/m.exec(run.stderr)![1]!) as string[];
    expect(loaded.some((file) => file.includes("/node_modules/dockerode/"))).toBe(true);
    // BuildKit's gRPC stack (build sessions, 130 files) and ssh2 (ssh:// engines) stay unloaded:
    // only their stand-ins, one per package entry point, are.
    expect(loaded.filter((file) => /\/node_modules\/(@grpc|ssh2)\//.test(file)).sort()).toEqual([
      expect.stringMatching(/\/node_modules\/@grpc\/grpc-js\/build\/src\/index\.js$/),
      expect.stringMatching(/\/node_modules\/@grpc\/proto-loader\/build\/src\/index\.js$/),
      expect.stringMatching(/\/node_modules\/ssh2\/lib\/index\.js$/),
    ]);
  });

  it("prints exactly one JSON document and exits 1 when a check fails", async () => {
    const run = await runCli([
      "grade",
      TAGS,
      `${TAGS}/solution`,
      `${TAGS}/fixtures/tag-oublie`,
      "--format",
      "json",
      "--lang",
      "en",
    ]);
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout) as { results: Record<string, unknown>[] };
    expect(document.results).toHaveLength(2);
    const [solution, fixture] = document.results as any[];
    expect(solution).toMatchObject({
      exercise: "03-images-conteneurs/01-tags",
      submission: `${TAGS}/solution`,
      status: "passed",
    });
    expect(solution.score).toBe(solution.maxScore);
    expect(fixture).toMatchObject({ status: "failed", score: solution.maxScore - 6, maxScore: solution.maxScore });
    for (const key of ["durationMs", "checks"]) expect(fixture).toHaveProperty(key);
    const tags = fixture.checks.find((check: any) => check.id === "tags");
    expect(tags).toMatchObject({ kind: "image.tags", status: "fail", points: 0, maxPoints: 6 });
    // Results keep both languages; a report picks one when it is rendered.
    expect(tags.message.en).toContain("Not found: registry.example.com/mon-app:v1");
    expect(tags.message.fr).toContain("Introuvable : registry.example.com/mon-app:v1");
    expect(Object.keys(tags)).toEqual(
      expect.arrayContaining(["id", "kind", "title", "status", "points", "maxPoints", "message"]),
    );
  });

  it("reports a spec error with file, line and field, and exits 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-spec-"));
    await cp(join(TAGS, "exercise.yaml"), join(dir, "exercise.yaml"));
    const broken = (await import("node:fs/promises")).readFile(join(dir, "exercise.yaml"), "utf8");
    await writeFile(join(dir, "exercise.yaml"), (await broken).replace("max: 3", "max: trois"));
    const run = await runCli(["grade", dir, `${TAGS}/solution`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exercise\.yaml:38 checks\[2\]\.max: .*number/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("names an unknown check kind with its line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-spec-"));
    await writeFile(
      join(dir, "exercise.yaml"),
      "id: a/b\ntitle: {fr: a, en: a}\npoints: 1\nchecks:\n  - id: x\n    kind: image.colour\n    points: 1\n    title: {fr: a, en: a}\n    hint: {fr: a, en: a}\n",
    );
    const run = await runCli(["grade", dir, `${TAGS}/solution`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exercise.yaml:6 checks[0].kind: unknown check kind "image.colour"');
  });

  it("refuses a missing submission folder with exit 2", async () => {
    const run = await runCli(["grade", TAGS, "/nonexistent/submission"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("/nonexistent/submission");
  });

  it("says how to start an engine when none answers, with exit 2", async () => {
    const run = await runCli(["grade", TAGS, `${TAGS}/solution`], {
      env: { DOCKER_HOST: "unix:///nonexistent/docker.sock" },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("dockgrade doctor --fix");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
