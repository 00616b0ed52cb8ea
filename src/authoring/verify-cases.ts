import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { SpecError } from "../errors.js";

/** What one graded folder of an exercise must get. */
export type CaseExpectation =
  { kind: "solution" } | { kind: "starter" } | { kind: "fixture"; fails: string[]; skips?: string[] };

export interface VerifyCase {
  /** `solution`, `starter`, or the fixture's folder name. */
  name: string;
  dir: string;
  expect: CaseExpectation;
}

const isFolder = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

function idList(value: unknown, file: string, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((id) => typeof id === "string"))
    throw new SpecError(file, [`${file} ${field}: expected a list of check ids`]);
  return value;
}

/** A fixture's expected.yaml: `fails: [ids]` (required), `skips: [ids]` (compared only when given). */
export async function readFixtureExpectation(file: string): Promise<CaseExpectation> {
  let data: unknown;
  try {
    data = parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new SpecError(file, [`${file}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const record = (data ?? {}) as Record<string, unknown>;
  const fails = idList(record.fails, file, "fails");
  if (!fails) throw new SpecError(file, [`${file} fails: required (the ids of the checks this fixture must fail)`]);
  return { kind: "fixture", fails, skips: idList(record.skips, file, "skips") };
}

/** The solution, the starter (when there is one) and every fixture folder holding an expected.yaml. */
export async function verifyCases(exerciseDir: string): Promise<VerifyCase[]> {
  const cases: VerifyCase[] = [];
  const solution = join(exerciseDir, "solution");
  if (!(await isFolder(solution)))
    throw new SpecError(join(exerciseDir, "exercise.yaml"), [`${solution}: the exercise has no solution folder`]);
  cases.push({ name: "solution", dir: solution, expect: { kind: "solution" } });
  const starter = join(exerciseDir, "starter");
  if (await isFolder(starter)) cases.push({ name: "starter", dir: starter, expect: { kind: "starter" } });
  const fixtures = join(exerciseDir, "fixtures");
  const names = (await isFolder(fixtures)) ? (await readdir(fixtures)).sort() : [];
  for (const name of names) {
    const dir = join(fixtures, name);
    if (!(await isFolder(dir))) continue;
    const expectedFile = join(dir, "expected.yaml");
    const hasExpectation = await stat(expectedFile).then(
      () => true,
      () => false,
    );
    if (!hasExpectation)
      throw new SpecError(expectedFile, [`${expectedFile}: missing (each fixture declares the checks it fails)`]);
    cases.push({ name, dir, expect: await readFixtureExpectation(expectedFile) });
  }
  return cases;
}
