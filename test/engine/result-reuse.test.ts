import { appendFile, cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { faultyEngine } from "../support/faulty-engine.js";

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
      return (JSON.parse(run.stdout) as { results: Result[] }).results.map(({ learner, status, reused }) => ({
        learner,
        status,
        reused: reused ?? false,
      }));
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

  it("reuses a result only from the engine that graded it, and says which run that was", async () => {
    const work = await mkdtemp(join(tmpdir(), "dockgrade-reuse-engine-"));
    await cp(join(TAGS, "solution"), join(work, "alice"), { recursive: true });
    const env = { DOCKGRADE_RESULT_CACHE: "on", DOCKGRADE_CACHE_DIR: join(work, "cache") };
    // Another engine behind a Docker-compatible socket (as Podman's), posing with its own identity.
    const podman = await faultyEngine({
      rewrite: (path, body) =>
        path === "/info"
          ? { ...body, ID: "PODMAN-ENGINE" }
          : path === "/version"
            ? { ...body, Version: "5.0.2", Components: [{ Name: "Podman Engine", Version: "5.0.2" }] }
            : undefined,
    });
    const grade = async (extra: NodeJS.ProcessEnv = {}) => {
      const run = await runCli(["grade", TAGS, join(work, "alice"), "--format", "json", "--lang", "en"], {
        env: { ...env, ...extra },
      });
      const [result] = (JSON.parse(run.stdout) as { results: (Result & { reusedFrom?: { runId: string } })[] }).results;
      return { result: result!, stderr: run.stderr };
    };
    try {
      expect((await grade({ DOCKER_HOST: podman.host })).result.reused ?? false).toBe(false);
      const direct = await grade({ DOCKGRADE_RUN_ID: "direct-run" });
      expect(direct.result.reused ?? false).toBe(false);
      expect(direct.stderr).not.toContain("reused");
      const again = await grade();
      expect(again.result.reused).toBe(true);
      expect(again.result.reusedFrom?.runId).toBe("direct-run");
      expect(again.stderr).toContain("1 result reused (run direct-run of ");
      const text = await runCli(["grade", TAGS, join(work, "alice"), "--lang", "fr"], { env });
      expect(text.stdout).toMatch(/résultat du passage direct-run \(\d{4}-\d\d-\d\d \d\d:\d\d\) réutilisé/);
    } finally {
      await podman.close();
    }
  });
});
