import type { Lang } from "../i18n.js";
import type { CheckView, RunView } from "./run-view.js";

/** How the class did on one check. */
export interface CheckPassRate {
  id: string;
  title: string;
  visibility: CheckView["visibility"];
  passed: number;
  /** Submissions with a verdict on this check (pass, fail or skip); a check in error has none. */
  graded: number;
}

/** How the class did on one exercise. */
export interface ExerciseStats {
  exercise: string;
  title: string;
  maxScore: number;
  /** Submissions graded to the end. */
  graded: number;
  /** Submissions that could not be graded (engine trouble): left out of the figures. */
  notGraded: number;
  checks: CheckPassRate[];
  /** Graded submissions by score, in tenths of the maximum: [0, 10 %), … [90 %, 100 %]. */
  histogram: number[];
  /** The median score of the graded submissions, in points. */
  median?: number;
}

export const HISTOGRAM_BINS = 10;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function statsOf(exercise: string, results: RunView["results"]): ExerciseStats {
  const graded = results.filter((result) => result.status !== "error");
  const checks = new Map<string, CheckPassRate>();
  for (const result of results) {
    for (const check of result.checks) {
      const rate = checks.get(check.id) ?? {
        id: check.id,
        title: check.title,
        visibility: check.visibility,
        passed: 0,
        graded: 0,
      };
      if (check.status !== "error") rate.graded += 1;
      if (check.status === "pass") rate.passed += 1;
      checks.set(check.id, rate);
    }
  }
  const maxScore = Math.max(0, ...results.map((result) => result.maxScore));
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const result of graded) {
    const share = maxScore > 0 ? result.score / maxScore : 0;
    histogram[Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(share * HISTOGRAM_BINS)))]! += 1;
  }
  return {
    exercise,
    title: results[0]?.exerciseTitle ?? exercise,
    maxScore,
    graded: graded.length,
    notGraded: results.length - graded.length,
    checks: [...checks.values()],
    histogram,
    median: median(graded.map((result) => result.score)),
  };
}

/** Where the class struggles, per exercise: each check's pass rate and the distribution of scores. */
export function classStats(run: RunView): ExerciseStats[] {
  const exercises = [...new Set(run.results.map((result) => result.exercise))];
  return exercises.map((exercise) =>
    statsOf(
      exercise,
      run.results.filter((result) => result.exercise === exercise),
    ),
  );
}

/** A rate as a whole percentage, as each language writes it; "—" when nothing was graded. */
export function percent(part: number, whole: number, lang: Lang): string {
  if (whole <= 0) return "—";
  const value = Math.round((part / whole) * 100);
  return lang === "fr" ? `${value}\u00a0%` : `${value}%`;
}
