import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export interface GradingCase {
  name: string;
  dir: string;
  /** Ids of the checks this submission must fail; every other check passes or is skipped. */
  fails: string[];
}

/** The solution (fails nothing) and every fixture of an exercise, with what it declares. */
export function gradingCases(exerciseDir: string): GradingCase[] {
  const cases: GradingCase[] = [{ name: "solution", dir: join(exerciseDir, "solution"), fails: [] }];
  const fixtures = join(exerciseDir, "fixtures");
  for (const name of existsSync(fixtures) ? readdirSync(fixtures).sort() : []) {
    const expected = parse(readFileSync(join(fixtures, name, "expected.yaml"), "utf8")) as { fails: string[] };
    cases.push({ name, dir: join(fixtures, name), fails: expected.fails });
  }
  return cases;
}

/** Every exercise folder (holding exercise.yaml) of the bundled packs. */
export function bundledExercises(root = "exercises"): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((pack) => pack.isDirectory())
    .flatMap((pack) => readdirSync(join(root, pack.name)).map((name) => join(root, pack.name, name)))
    .filter((dir) => existsSync(join(dir, "exercise.yaml")))
    .sort();
}
