import type { SubmissionResult } from "../src/grading/result.js";

/** A submission's verdict, comparable from one run to the next. */
export interface Verdict {
  status: string;
  score: number;
  /** Checks not passed, as `id:status`. */
  notPassed: string[];
}

export const verdictKey = (result: Pick<SubmissionResult, "learner" | "exercise">) =>
  `${result.learner} ${result.exercise}`;

export function verdictsOf(results: SubmissionResult[]): Record<string, Verdict> {
  return Object.fromEntries(
    results.map((result) => [
      verdictKey(result),
      {
        status: result.status,
        score: result.score,
        notPassed: result.checks
          .filter((check) => check.status !== "pass")
          .map((check) => `${check.id}:${check.status}`)
          .sort(),
      },
    ]),
  );
}

export interface VerdictChange {
  key: string;
  reference: Verdict | undefined;
  now: Verdict | undefined;
  /** Only checks the hostile corpus marks as depending on the moment changed. */
  timingDependent: boolean;
  /** It ended in error in the disturbed run (the resume graded it again, or reused an identical submission's verdict). */
  regraded?: boolean;
  /** Each verdict against the fixture's expected.yaml (which checks fail; a solution fails none). */
  referenceAsExpected?: boolean;
  nowAsExpected?: boolean;
}

/** The checks that fail are those expected.yaml names (those it says may fail, or not); nothing in error. */
export function asExpected(verdict: Verdict | undefined, expected: { fails: string[]; mayFail: string[] }): boolean {
  if (!verdict || verdict.notPassed.some((entry) => entry.endsWith(":error"))) return false;
  const failed = verdict.notPassed.filter((entry) => entry.endsWith(":fail")).map((entry) => entry.split(":")[0]!);
  return (
    expected.fails.every((id) => failed.includes(id)) &&
    failed.every((id) => expected.fails.includes(id) || expected.mayFail.includes(id))
  );
}

const same = (a: Verdict | undefined, b: Verdict | undefined, ignore: string[] = []) => {
  const keep = (verdict: Verdict) => verdict.notPassed.filter((entry) => !ignore.includes(entry.split(":")[0]!));
  return (
    !!a &&
    !!b &&
    (ignore.length > 0 || (a.status === b.status && a.score === b.score)) &&
    JSON.stringify(keep(a)) === JSON.stringify(keep(b))
  );
};

/** Verdicts that differ from the reference run's; `timingDependent[key]` lists checks allowed to vary. */
export function changedVerdicts(
  reference: Record<string, Verdict>,
  now: Record<string, Verdict>,
  timingDependent: Record<string, string[]>,
): VerdictChange[] {
  const keys = [...new Set([...Object.keys(reference), ...Object.keys(now)])].sort();
  return keys
    .filter((key) => !same(reference[key], now[key]))
    .map((key) => ({
      key,
      reference: reference[key],
      now: now[key],
      timingDependent: (timingDependent[key]?.length ?? 0) > 0 && same(reference[key], now[key], timingDependent[key]),
    }));
}
