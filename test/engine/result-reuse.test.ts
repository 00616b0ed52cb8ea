import { appendFile, cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const TAGS = "exercises/03-images-conteneurs/01-tags";

interface Result {
  learner: string;
  status: string;
  reused?: boolean;
}

describe("reusing previous results", () => {
  it("reuses unchanged submissions, grades changed ones, and --force / --only-failed say what to grade", async () => {
    const work = await mkdtemp(join(tmpdir(), "dockgrade-reuse-"));
    const classe = join(work, "classe");
    await cp(join(TAGS, "solution"), join(classe, "alice"), { recursive: true });
    await cp(join(TAGS, "fixtures/tag-oublie"), join(classe, "bob"), { recursive: true });
    const env = { DOCKGRADE_RESULT_CACHE: "on", DOCKGRADE_CACHE_DIR: join(work, "cache") };
    const grade = async (...flags: string[]) => {
      const run = await runCli(["grade", TAGS, classe, "--format", "json", ...flags], { env });
      return (JSON.parse(run.stdout) as { results: Result[] }).results.map(({ learner, status, reused }) => ({ learner, status, reused: reused ?? false }));
    };

    expect(await grade()).toEqual([
      { learner: "alice", status: "passed", reused: false },
      { learner: "bob", status: "failed", reused: false },
    ]);
    expect((await grade()).map((result) => result.reused)).toEqual([true, true]);
    await appendFile(join(classe, "bob", "commandes.sh"), "docker tag mon-app:v1 registry.example.com/mon-app:v1\n");
    expect(await grade()).toEqual([
      { learner: "alice", status: "passed", reused: true },
      { learner: "bob", status: "passed", reused: false },
    ]);
    expect((await grade("--force")).map((result) => result.reused)).toEqual([false, false]);
    await appendFile(join(classe, "alice", "app.py"), "# changé\n");
    expect((await grade("--only-failed")).map((result) => result.reused)).toEqual([true, true]);
  });
});
