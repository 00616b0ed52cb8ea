import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { LoadedExercise } from "../../exercise/load-exercise.js";
import type { Mutant, SolutionFiles } from "./mutant.js";

async function listFiles(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(root, path);
      return entry.isFile() ? [relative(root, path)] : [];
    }),
  );
  return nested.flat();
}

/** The solution's files, and which of them the spec reads as the learner's commands or answers. */
export async function readSolution(exercise: LoadedExercise): Promise<SolutionFiles> {
  const dir = join(exercise.dir, "solution");
  const paths = await listFiles(dir);
  const files = new Map(await Promise.all(paths.map(async (path) => [path, await readFile(join(dir, path))] as const)));
  const answerFiles = new Set<string>();
  for (const check of exercise.spec.checks)
    if (check.kind === "answers.command" && "file" in check && typeof check.file === "string")
      answerFiles.add(check.file);
  return {
    files,
    dockerfile: join(exercise.spec.build.dockerfile),
    commandFile: exercise.spec.commands?.file,
    answerFiles: [...answerFiles],
  };
}

/** A copy of the solution with the mutant's edits, in `dir` (the exercise itself is never touched). */
export async function writeMutant(solutionDir: string, mutant: Mutant, dir: string): Promise<void> {
  await cp(solutionDir, dir, { recursive: true });
  for (const [path, edit] of mutant.edits) {
    const target = join(dir, path);
    if (edit === null) await rm(target, { force: true });
    else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, edit);
    }
  }
}
