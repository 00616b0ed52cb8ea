import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { leftObjectsHelp } from "../../src/cli/left-objects-help.js";
import { ResultCache, type CacheContext } from "../../src/cli/result-cache.js";
import { resumeNotice } from "../../src/cli/resume-notice.js";
import { loadExercise } from "../../src/exercise/load-exercise.js";
import type { BatchItem } from "../../src/grading/grade-batch.js";
import type { SubmissionResult } from "../../src/grading/result.js";
import { emptyOutcome } from "../../src/runtime/clean-outcome.js";

const TAGS = "exercises/03-images-conteneurs/01-tags";
const DOCKER = { id: "AAAA:BBBB", version: "20.10.24" };
const PODMAN = { id: "PODMAN", version: "Podman Engine 5.0.2" };

async function setUp() {
  const work = await mkdtemp(join(tmpdir(), "dockgrade-cache-"));
  await cp(join(TAGS, "solution"), join(work, "alice"), { recursive: true });
  const item: BatchItem = { exercise: await loadExercise(TAGS), dir: join(work, "alice"), learner: "alice" };
  const context = (engine = DOCKER): CacheContext => ({
    version: "0.1.0",
    limits: {},
    engine,
    baseImages: { "python:3.11-slim": "sha256:1111" },
  });
  const result = (status: SubmissionResult["status"], score: number): SubmissionResult => ({
    exercise: "03-images-conteneurs/01-tags",
    exerciseTitle: "t",
    learner: "alice",
    submission: item.dir,
    status,
    score,
    maxScore: 12,
    durationMs: 1,
    build: { status: "ok", durationMs: 1, logExcerpt: [] },
    checks: [],
    ...(status === "error" ? { error: "the Docker engine stopped answering" } : {}),
  });
  return { dir: join(work, "cache"), item, context, result };
}

describe("ResultCache", () => {
  it("reuses a result only from the same engine and base images, and says which run graded it", async () => {
    const { dir, item, context, result } = await setUp();
    const podman = await ResultCache.open(dir);
    const podmanKey = await podman.key(item, context(PODMAN));
    podman.remember(item, podmanKey, result("failed", 3), "run-podman", PODMAN);
    await podman.save();

    const docker = await ResultCache.open(dir);
    const key = await docker.key(item, context());
    expect(key).not.toBe(podmanKey);
    expect(docker.reuse(item, key, false, DOCKER)).toBeUndefined();
    // --only-failed keeps a learner's latest *passing* result, and only one graded on this engine.
    podman.remember(item, podmanKey, result("passed", 12), "run-podman", PODMAN);
    await podman.save();
    expect((await ResultCache.open(dir)).reuse(item, key, true, DOCKER)).toBeUndefined();

    docker.remember(item, key, result("passed", 12), "run-docker", DOCKER);
    await docker.save();
    const again = (await ResultCache.open(dir)).reuse(item, key, false, DOCKER)!;
    expect(again.reused).toBe(true);
    expect(again.reusedFrom?.runId).toBe("run-docker");
    expect(Date.parse(again.reusedFrom!.gradedAt)).toBeGreaterThan(Date.now() - 60_000);
    const otherBase = { ...context(), baseImages: { "python:3.11-slim": "sha256:2222" } };
    expect(await docker.key(item, otherBase)).not.toBe(key);
  });

  it("names the learner who handed the content in this time, not the one it was first graded for", async () => {
    const { dir, item, context, result } = await setUp();
    const cache = await ResultCache.open(dir);
    const key = await cache.key(item, context());
    cache.remember(item, key, result("passed", 12), "r1", DOCKER);
    await cp(item.dir, `${item.dir}-copie`, { recursive: true });
    const copy: BatchItem = { ...item, dir: `${item.dir}-copie`, learner: "bob" };
    expect(await cache.key(copy, context())).toBe(key);
    const reused = cache.reuse(copy, key, false, DOCKER)!;
    expect([reused.learner, reused.submission]).toEqual(["bob", copy.dir]);
    // Bob's grading of the same content ending in error does not undo Alice's verdict.
    cache.remember(copy, key, result("error", 1), "r2", DOCKER);
    expect(cache.reuse(copy, key, false, DOCKER)?.reusedFrom?.runId).toBe("r1");
  });

  it("never reuses an error, but remembers it to say why the submission is graded again", async () => {
    const { dir, item, context, result } = await setUp();
    const cache = await ResultCache.open(dir);
    const key = await cache.key(item, context());
    cache.remember(item, key, result("passed", 12), "r1", DOCKER);
    cache.remember(item, key, result("error", 1), "r2", DOCKER);
    await cache.save();
    const reopened = await ResultCache.open(dir);
    expect(reopened.reuse(item, key, false, DOCKER)).toBeUndefined();
    expect(reopened.previousError(key)?.runId).toBe("r2");
  });
});

describe("what a rerun and a clean-up say", () => {
  const reused = (runId: string): SubmissionResult =>
    ({ reused: true, reusedFrom: { runId, gradedAt: "2026-12-01T04:06:09.000Z" } }) as SubmissionResult;

  it("counts reused results, errors graded again and new work, in French and English", () => {
    const counts = { reused: Array.from({ length: 12 }, () => reused("a1b2")), retried: 4, fresh: 0 };
    expect(resumeNotice(counts, "fr")).toBe(
      "12 résultats réutilisés (passage a1b2 du 2026-12-01 04:06), 4 recorrigés (erreur au précédent passage)\n",
    );
    expect(resumeNotice(counts, "en")).toBe(
      "12 results reused (run a1b2 of 2026-12-01 04:06), 4 graded again (error in the previous run)\n",
    );
    expect(resumeNotice({ reused: [reused("x"), reused("y")], retried: 0, fresh: 1 }, "en")).toBe(
      "2 results reused (runs x, y), 1 to grade (new or changed)\n",
    );
    expect(resumeNotice({ reused: [], retried: 0, fresh: 3 }, "fr")).toBeUndefined();
  });

  it("names a container the engine holds, with the remedy, in both languages", () => {
    const outcome = emptyOutcome();
    outcome.left.push({
      kind: "container",
      id: "3f2a1b0c9d8e",
      name: "dockgrade-s1-main",
      runId: "r1",
      reason: 'driver "overlay2" failed to remove root filesystem: device or resource busy',
      heldByEngine: true,
      mergedDir: "/var/lib/docker/overlay2/abc123/merged",
    });
    const help = leftObjectsHelp(outcome, "r1");
    expect(help).toContain("Le moteur Docker retient 1 conteneur");
    expect(help).toContain("The Docker engine holds 1 container");
    expect(help).toContain("dockgrade-s1-main (3f2a1b0c9d8e), run r1: driver");
    expect(help).toContain("sudo systemctl restart docker");
    expect(help).toContain("grep -l abc123 /proc/*/mountinfo");
    expect(help).toContain("dockgrade clean --run r1");
    expect(leftObjectsHelp(emptyOutcome())).toBe("");
  });
});
