import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { gradeSubmission } from "../../src/grading/grade-submission.js";
import { releaseBuildCache } from "../../src/runtime/created-images.js";
import { probeEngine } from "../../src/runtime/docker-client.js";
import { countManagedObjects } from "../../src/runtime/remove-managed.js";
import { loadExercise, type LoadedExercise } from "../../src/exercise/load-exercise.js";
import { docker, runId } from "../support/engine.js";

const CORPUS = "test/hostile";

/** What a hostile case declares in its expected.yaml. */
interface HostileCase {
  name: string;
  /** Exactly the checks it fails (besides those of `mayFail`). */
  fails: string[];
  /**
   * Checks whose verdict depends on the moment: an exec into a container at its pids limit runs
   * when a slot happens to be free just then. They pass or fail, never error; at least one fails.
   */
  mayFail?: string[];
  build: "ok" | "failed" | "not-run";
  /** Why the build fails (regular expression on the build log excerpt): the limit that stopped it. */
  buildError?: string;
  /** A sparse file made in the temporary copy before grading, never committed. */
  sparseFile?: { path: string; bytes: number };
}

function hostileCases(): HostileCase[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(CORPUS, entry.name, "expected.yaml")))
    .map((entry) => ({
      name: entry.name,
      ...(parse(readFileSync(join(CORPUS, entry.name, "expected.yaml"), "utf8")) as Omit<HostileCase, "name">),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// commandes-piegees tries to delete the first and create the second through a shell; neither may happen.
const WITNESS = "/tmp/dockgrade-hostile-temoin";
const INTRUDER = "/tmp/dockgrade-hostile-pirate";

let exercise: LoadedExercise;
let scratch: string;

beforeAll(async () => {
  exercise = await loadExercise(CORPUS);
  scratch = await mkdtemp(join(tmpdir(), "dockgrade-hostile-"));
});

afterAll(async () => {
  // The build cache the cases' builds made (unlabelled, kept while the run lasts), as the CLI does.
  await releaseBuildCache(docker);
  await rm(scratch, { recursive: true, force: true });
  await rm(WITNESS, { force: true });
});

/** The case as a submission folder of its own: symlinks kept as links, the sparse file added. */
async function prepareSubmission(hostile: HostileCase): Promise<string> {
  const dir = join(scratch, hostile.name);
  await cp(join(CORPUS, hostile.name), dir, { recursive: true, verbatimSymlinks: true });
  if (hostile.sparseFile) {
    const path = join(dir, hostile.sparseFile.path);
    await writeFile(path, "");
    await truncate(path, hostile.sparseFile.bytes);
  }
  return dir;
}

/** What the limits promise: the build, the start, each check at its limit, and clean-up. */
function durationBoundMs(loaded: LoadedExercise): number {
  const { limits, checks } = loaded.spec;
  const cleanUpMarginSeconds = 30;
  return (
    (limits.buildSeconds + limits.startSeconds + checks.length * limits.checkSeconds + cleanUpMarginSeconds) * 1000
  );
}

// Sequentially: each case stresses the machine (2 cores) on purpose.
describe("hostile submissions", () => {
  it.each(hostileCases())("$name fails exactly $fails (build $build)", async (hostile) => {
    const known = exercise.spec.checks.map((check) => check.id);
    expect(known).toEqual(expect.arrayContaining([...hostile.fails, ...(hostile.mayFail ?? [])]));
    await writeFile(WITNESS, "témoin\n");
    await rm(INTRUDER, { force: true });
    const caseRunId = `${runId}-${hostile.name}`;
    const dir = await prepareSubmission(hostile);

    const result = await gradeSubmission(exercise, dir, { docker, runId: caseRunId, buildNetwork: "none" });

    const failed = result.checks.filter((check) => check.status === "fail").map((check) => check.id);
    const verdict = `${result.status} ${result.score}/${result.maxScore}${failed.length > 0 ? ` (fails ${failed.join(", ")})` : ""}`;
    console.log(
      `[hostile] ${hostile.name}: ${verdict}, ${(result.durationMs / 1000).toFixed(1)} s, build ${result.build.status}`,
    );

    expect(result.checks.filter((check) => check.status === "error")).toEqual([]);
    const mayFail = hostile.mayFail ?? [];
    expect(failed.filter((id) => !mayFail.includes(id)).sort()).toEqual([...hostile.fails].sort());
    if (mayFail.length > 0) expect(failed.filter((id) => mayFail.includes(id)).length).toBeGreaterThan(0);
    expect(result.build.status).toBe(hostile.build);
    if (hostile.buildError) expect(result.build.logExcerpt.join("\n")).toMatch(new RegExp(hostile.buildError));
    expect(result.durationMs).toBeLessThan(durationBoundMs(exercise));
    expect(existsSync(WITNESS)).toBe(true);
    expect(existsSync(INTRUDER)).toBe(false);
    expect(await probeEngine(docker)).toBeDefined();
    expect(await countManagedObjects(docker, caseRunId)).toEqual({ containers: 0, images: 0, networks: 0, volumes: 0 });
  });
});
