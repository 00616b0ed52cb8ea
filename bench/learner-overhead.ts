import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spread, type Spread } from "./stats.js";

export interface LearnerOverhead {
  exercise: string;
  /** `dockgrade grade . .` in the workspace. */
  gradeMs: Spread;
  /** The workspace's `npm test` (npm, vitest, one test per check), grading the same files. */
  npmTestMs: Spread;
  /** Median npm test minus median grade: what the learner pays for vitest's output. */
  overheadMs: number;
}

/** Runs a command in a folder and returns its wall time; a grading verdict (exit 1) is not a failure here. */
function timed(program: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(program, args, {
      cwd,
      stdio: "ignore",
      env: { ...process.env, DOCKGRADE_RESULT_CACHE: "off", CI: "" },
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 || code === 1
        ? resolve(performance.now() - began)
        : reject(new Error(`${program} ${args.join(" ")}: exit ${code}`)),
    );
  });
}

/**
 * A learner's workspace as `dockgrade init` makes it (this checkout as its dockgrade), holding the
 * exercise's solution: `npm test` and `dockgrade grade . .` run alternately, after a warm-up of each.
 */
export async function measureLearnerOverhead(
  root: string,
  exerciseDir: string,
  runs: number,
): Promise<LearnerOverhead> {
  const scratch = await mkdtemp(join(tmpdir(), "bench-workspace-"));
  const workspace = join(scratch, "travail");
  const cli = join(root, "dist/src/cli/main.js");
  try {
    await timed(process.execPath, [cli, "init", exerciseDir, workspace, "--dockgrade-spec", `file:${root}`], scratch);
    await cp(join(exerciseDir, "solution"), workspace, { recursive: true });
    await timed("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], workspace);
    const grade = () => timed(process.execPath, [cli, "grade", ".", "."], workspace);
    const npmTest = () => timed("npm", ["test", "--silent"], workspace);
    await grade();
    await npmTest();
    const gradeRuns: number[] = [];
    const npmRuns: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      if (run % 2 === 0) {
        gradeRuns.push(await grade());
        npmRuns.push(await npmTest());
      } else {
        npmRuns.push(await npmTest());
        gradeRuns.push(await grade());
      }
    }
    const gradeMs = spread(gradeRuns);
    const npmTestMs = spread(npmRuns);
    return {
      exercise: exerciseDir.split("/").at(-1)!,
      gradeMs,
      npmTestMs,
      overheadMs: npmTestMs.median - gradeMs.median,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
