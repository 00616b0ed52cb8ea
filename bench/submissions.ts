import { cp, mkdir, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export const PACK = "exercises/03-images-conteneurs";

/** Fixtures measured next to the solutions: a forgotten tag, a root user, an app that crashes at start. */
const MEASURED_FIXTURES = [
  "01-tags/fixtures/tag-oublie",
  "02-couches/fixtures/root",
  "05-inspection/fixtures/plante-au-demarrage",
];

export interface BenchSubmission {
  name: string;
  exerciseDir: string;
  dir: string;
}

export async function exerciseDirs(root: string): Promise<string[]> {
  const names = (await readdir(join(root, PACK))).filter((name) => /^\d\d-/.test(name)).sort();
  return names.map((name) => join(root, PACK, name));
}

/** The solution of every exercise of the pack, then a few fixtures. */
export async function measuredSubmissions(root: string): Promise<BenchSubmission[]> {
  const solutions = (await exerciseDirs(root)).map((exerciseDir) => ({
    name: `${basename(exerciseDir)}/solution`,
    exerciseDir,
    dir: join(exerciseDir, "solution"),
  }));
  const fixtures = MEASURED_FIXTURES.map((path) => {
    const exerciseDir = join(root, PACK, path.split("/")[0]!);
    return { name: path.replace("/fixtures/", "/"), exerciseDir, dir: join(root, PACK, path) };
  });
  return [...solutions, ...fixtures];
}

/**
 * A class as an instructor receives it: `learners` folders, each with one sub-folder per exercise
 * (the pack layout `dockgrade grade <pack> <learner>...` reads). Learner k hands in the solution
 * when k = 0, else the exercise's (k-1)-th fixture, so the class mixes passing and failing work.
 */
export async function makeClass(
  root: string,
  learners: number,
): Promise<{ dir: string; learnerDirs: string[]; items: BenchSubmission[] }> {
  const dir = await mkdtemp(join(tmpdir(), "bench-class-"));
  const learnerDirs: string[] = [];
  const items: BenchSubmission[] = [];
  const exercises = await exerciseDirs(root);
  for (let learner = 0; learner < learners; learner += 1) {
    const learnerDir = join(dir, `eleve-${String(learner + 1).padStart(2, "0")}`);
    learnerDirs.push(learnerDir);
    for (const exerciseDir of exercises) {
      const fixtures = (await readdir(join(exerciseDir, "fixtures")).catch(() => [])).sort();
      const source =
        learner === 0 || fixtures.length === 0
          ? join(exerciseDir, "solution")
          : join(exerciseDir, "fixtures", fixtures[(learner - 1) % fixtures.length]!);
      const target = join(learnerDir, basename(exerciseDir));
      await mkdir(learnerDir, { recursive: true });
      await cp(source, target, { recursive: true, verbatimSymlinks: true });
      items.push({ name: `${basename(learnerDir)}/${basename(exerciseDir)}`, exerciseDir, dir: target });
    }
  }
  return { dir, learnerDirs, items };
}
