import { cp, mkdir, mkdtemp, readdir, readFile, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parse } from "yaml";

export const PACK = "exercises/03-images-conteneurs";
export const HOSTILE = "test/hostile";
/** The hostile corpus joins the pack as one more exercise, graded against its own spec. */
export const HOSTILE_FOLDER = "06-hostile";

export interface SoakClass {
  dir: string;
  /** The pack to grade against: the chapter's five exercises and the hostile corpus. */
  packDir: string;
  learnerDirs: string[];
  /** `learner/exercise` → what was copied there (for the report). */
  sources: Record<string, string>;
  /** Per hostile case: the checks whose verdict depends on the moment (its `mayFail`). */
  timingDependent: Record<string, string[]>;
  /** By verdict key (`learner exercise-id`): the checks its fixture's expected.yaml says fail (none for a solution). */
  expected: Record<string, Expectation>;
}

export interface Expectation {
  fails: string[];
  mayFail: string[];
}

interface HostileExpectation {
  fails?: string[];
  mayFail?: string[];
  sparseFile?: { path: string; bytes: number };
}

async function folders(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * A class as an instructor receives it, `learners` folders each holding one folder per exercise
 * of the pack (the five chapter exercises, then the hostile corpus): learner 0 hands in every
 * solution, learner k the exercise's (k-1)-th fixture; for the hostile exercise learner k hands in
 * the corpus's k-th case. 17 learners make 102 submissions and use every fixture and every case.
 */
export async function makeSoakClass(root: string, learners: number): Promise<SoakClass> {
  const dir = await mkdtemp(join(tmpdir(), "soak-class-"));
  const packDir = join(dir, "pack");
  const exercises = (await folders(join(root, PACK))).filter((name) => /^\d\d-/.test(name));
  for (const name of exercises) await cp(join(root, PACK, name), join(packDir, name), { recursive: true });
  await mkdir(join(packDir, HOSTILE_FOLDER), { recursive: true });
  await cp(join(root, HOSTILE, "exercise.yaml"), join(packDir, HOSTILE_FOLDER, "exercise.yaml"));
  const cases = (await folders(join(root, HOSTILE))).filter((name) => !name.startsWith("."));
  const sources: Record<string, string> = {};
  const expected: Record<string, Expectation> = {};
  const idOf = async (exerciseDir: string) =>
    (parse(await readFile(join(exerciseDir, "exercise.yaml"), "utf8")) as { id: string }).id;
  const readExpectation = async (dir: string): Promise<HostileExpectation> =>
    (parse(await readFile(join(dir, "expected.yaml"), "utf8").catch(() => "{}")) as HostileExpectation | null) ?? {};
  const timingDependent: Record<string, string[]> = {};
  const learnerDirs: string[] = [];
  for (let learner = 0; learner < learners; learner += 1) {
    const learnerName = `eleve-${String(learner + 1).padStart(3, "0")}`;
    const learnerDir = join(dir, "classe", learnerName);
    learnerDirs.push(learnerDir);
    for (const exercise of exercises) {
      const fixtures = await folders(join(root, PACK, exercise, "fixtures")).catch(() => [] as string[]);
      const source =
        learner === 0 || fixtures.length === 0
          ? join(PACK, exercise, "solution")
          : join(PACK, exercise, "fixtures", fixtures[(learner - 1) % fixtures.length]!);
      await cp(join(root, source), join(learnerDir, exercise), { recursive: true, verbatimSymlinks: true });
      sources[`${learnerName}/${exercise}`] = source;
      const expectation = await readExpectation(join(root, source));
      expected[`${learnerName} ${await idOf(join(root, PACK, exercise))}`] = {
        fails: expectation.fails ?? [],
        mayFail: expectation.mayFail ?? [],
      };
    }
    const hostileCase = cases[learner % cases.length]!;
    const target = join(learnerDir, HOSTILE_FOLDER);
    await cp(join(root, HOSTILE, hostileCase), target, { recursive: true, verbatimSymlinks: true });
    const caseExpectation = await readExpectation(join(root, HOSTILE, hostileCase));
    if (caseExpectation.sparseFile) {
      await writeFile(join(target, caseExpectation.sparseFile.path), "");
      await truncate(join(target, caseExpectation.sparseFile.path), caseExpectation.sparseFile.bytes);
    }
    sources[`${learnerName}/${HOSTILE_FOLDER}`] = join(HOSTILE, hostileCase);
    expected[`${learnerName} ${await idOf(join(root, HOSTILE))}`] = {
      fails: caseExpectation.fails ?? [],
      mayFail: caseExpectation.mayFail ?? [],
    };
    timingDependent[`${learnerName}/${HOSTILE_FOLDER}`] = caseExpectation.mayFail ?? [];
  }
  return { dir, packDir, learnerDirs, sources, timingDependent, expected };
}

export const learnerOf = (label: string) => basename(label);
