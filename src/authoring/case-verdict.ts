import type { CheckResult, CheckStatus, SubmissionResult } from "../grading/result.js";
import { localized, pick, type Localized, type Text } from "../i18n.js";
import type { CaseExpectation } from "./verify-cases.js";

/** One way a graded case differs from what it must get. */
export interface CaseProblem {
  /** The check that differed, when one did. */
  check?: string;
  /** What was expected of it (or of the case), and what it got. */
  expected: string;
  actual: string;
  /** The check's own message (or the grading's error), to see why. */
  message?: Text;
  summary: Localized;
}

const idsWith = (result: SubmissionResult, status: CheckStatus) =>
  result.checks.filter((check) => check.status === status).map((check) => check.id);

function checkProblem(check: CheckResult, expected: string, summary: Localized): CaseProblem {
  return { check: check.id, expected, actual: check.status, message: check.message, summary };
}

function erroredChecks(result: SubmissionResult): CaseProblem[] {
  const problems: CaseProblem[] = result.checks
    .filter((check) => check.status === "error")
    .map((check) =>
      checkProblem(
        check,
        "no error",
        localized(
          "la vérification a fini en erreur (moteur ou correcteur)",
          "the check ended in error (engine or grader)",
        ),
      ),
    );
  if (result.status === "error" && problems.length === 0)
    problems.push({
      expected: "graded",
      actual: "error",
      message: result.error,
      summary: localized("la correction n'a pas pu aboutir", "grading could not complete"),
    });
  return problems;
}

/**
 * A skip the starter explains: its image could not be built (or it has no Dockerfile), or a file
 * the check reads is missing. Any other skip hides a check the starter never exercises.
 */
export function isExplainedSkip(result: SubmissionResult, check: CheckResult): boolean {
  if (result.build.status !== "ok") return true;
  return / is missing from the submission\.$/.test(pick(check.message, "en"));
}

function solutionProblems(result: SubmissionResult): CaseProblem[] {
  return result.checks
    .filter((check) => check.status === "fail" || check.status === "skip")
    .map((check) =>
      checkProblem(
        check,
        "pass",
        localized(`la solution perd ${check.maxPoints} point(s)`, `the solution loses ${check.maxPoints} point(s)`),
      ),
    );
}

function starterProblems(result: SubmissionResult): CaseProblem[] {
  const problems: CaseProblem[] = [];
  if (result.status === "passed")
    problems.push({
      expected: "failed",
      actual: "passed",
      summary: localized(
        `le point de départ obtient tous les points (${result.score}/${result.maxScore})`,
        `the starter earns full marks (${result.score}/${result.maxScore})`,
      ),
    });
  for (const check of result.checks)
    if (check.status === "skip" && !isExplainedSkip(result, check))
      problems.push(
        checkProblem(
          check,
          "pass or fail",
          localized(
            "sautée sans raison visible (l'image est construite et aucun fichier ne manque)",
            "skipped for no visible reason (the image was built and no file is missing)",
          ),
        ),
      );
  return problems;
}

function listDifference(
  result: SubmissionResult,
  status: "fail" | "skip",
  declared: string[],
  field: "fails" | "skips",
): CaseProblem[] {
  const got = new Set(idsWith(result, status));
  const wanted = new Set(declared);
  const byId = new Map(result.checks.map((check) => [check.id, check]));
  const problems: CaseProblem[] = [];
  for (const id of wanted)
    if (!got.has(id)) {
      const check = byId.get(id)!;
      problems.push(
        checkProblem(
          check,
          status,
          localized(
            `déclarée dans ${field} mais obtient ${check.status}`,
            `declared in ${field} but got ${check.status}`,
          ),
        ),
      );
    }
  for (const id of got)
    if (!wanted.has(id))
      problems.push(
        checkProblem(
          byId.get(id)!,
          status === "fail" ? "pass or skip" : "pass or fail",
          localized(
            `obtient ${status} sans être déclarée dans ${field}`,
            `got ${status} without being declared in ${field}`,
          ),
        ),
      );
  return problems;
}

/** How a graded case differs from what it must get; empty when it gets exactly that. */
export function caseProblems(result: SubmissionResult, expect: CaseExpectation): CaseProblem[] {
  const errors = erroredChecks(result);
  if (expect.kind === "solution") return [...errors, ...solutionProblems(result)];
  if (expect.kind === "starter") return [...errors, ...starterProblems(result)];
  return [
    ...errors,
    ...listDifference(result, "fail", expect.fails, "fails"),
    ...(expect.skips ? listDifference(result, "skip", expect.skips, "skips") : []),
  ];
}
