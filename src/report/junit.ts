import { createRequire } from "node:module";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { Lang } from "../i18n.js";
import type { CheckView, RunView, SubmissionView } from "./run-view.js";
import { checkFeedback } from "./check-feedback.js";

const WORDS = {
  fr: { build: "L'image se construit", buildFailed: "La construction de l'image a échoué", grading: "Correction" },
  en: { build: "The image builds", buildFailed: "The image build failed", grading: "Grading" },
} as const;

// The XSD's SUREFIRE_TIME: at most three decimals, no exponent.
const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/**
 * GitLab turns `[[ATTACHMENT|path]]` in a test's output into a link to a file of the job: a
 * learner's text must not. A zero-width space keeps the text readable and the pattern broken.
 */
const inert = (text: string) => text.replace(/\[\[ATTACHMENT\|/gi, "[[ATTACHMENT\u200b|");

// Loaded on first use (0.13 s): `dockgrade grade` should not pay for it before its first feedback.
const loadXmlBuilder = () => createRequire(import.meta.url)("xmlbuilder2") as typeof import("xmlbuilder2");

interface Testcase {
  name: string;
  durationMs: number;
  outcome?: { element: "failure" | "error" | "skipped"; message: string; type?: string; body?: string };
}

function checkTestcase(check: CheckView, lang: Lang): Testcase {
  const testcase = { name: `${check.id}: ${check.title}`, durationMs: check.durationMs };
  // Parsers fold line breaks in attributes into spaces: the attribute gets the first line, the
  // body everything (GitLab shows only the body).
  const message = check.message.split("\n")[0] ?? "";
  if (check.status === "pass") return testcase;
  if (check.status === "skip") return { ...testcase, outcome: { element: "skipped", message, body: check.message } };
  const element = check.status === "fail" ? "failure" : "error";
  return { ...testcase, outcome: { element, message, type: check.kind, body: checkFeedback(check, lang) } };
}

/**
 * What went wrong with the submission as a whole, as test cases of their own: CI tools show the
 * output of failed test cases only (GitLab ignores a suite's system-err), so the build log is the
 * body of a failing "build" test case, and engine trouble an erroring "grading" one.
 */
function submissionTestcases(result: SubmissionView, lang: Lang): Testcase[] {
  const words = WORDS[lang];
  const testcases: Testcase[] = [];
  if (result.build.status !== "not-run") {
    const failed = result.build.status === "failed";
    testcases.push({
      name: `build: ${words.build}`,
      durationMs: result.build.durationMs,
      outcome: failed
        ? { element: "failure", message: words.buildFailed, type: "build", body: result.build.logExcerpt.join("\n") }
        : undefined,
    });
  }
  if (result.error) {
    const message = result.error.split("\n")[0] ?? "";
    testcases.push({
      name: `grading: ${words.grading}`,
      durationMs: 0,
      outcome: { element: "error", message, type: "grading", body: result.error },
    });
  }
  return testcases;
}

function countOutcomes(testcases: Testcase[]) {
  const count = (element: string) => testcases.filter((testcase) => testcase.outcome?.element === element).length;
  return { tests: testcases.length, failures: count("failure"), errors: count("error"), skipped: count("skipped") };
}

function addSuite(root: XMLBuilder, result: SubmissionView, several: boolean, lang: Lang) {
  const testcases = [...submissionTestcases(result, lang), ...result.checks.map((check) => checkTestcase(check, lang))];
  const counts = countOutcomes(testcases);
  // GitLab groups test cases by classname and keeps the first of two with the same name: in a
  // class, the learner's name keeps each learner's cases apart.
  const classname = several ? `${result.learner}: ${result.exercise}` : result.exercise;
  const suite = root.ele("testsuite", {
    name: `${result.learner}: ${result.exercise}`,
    ...counts,
    time: seconds(result.durationMs),
  });
  for (const testcase of testcases) {
    const element = suite.ele("testcase", {
      name: inert(testcase.name),
      classname: inert(classname),
      time: seconds(testcase.durationMs),
    });
    const outcome = testcase.outcome;
    if (!outcome) continue;
    const attributes = { message: inert(outcome.message), ...(outcome.type ? { type: outcome.type } : {}) };
    const node = element.ele(outcome.element, attributes);
    if (outcome.body) node.txt(inert(outcome.body));
  }
  return counts;
}

/**
 * JUnit XML for CI (GitLab, Jenkins, GitHub check annotations), valid against the Jenkins xUnit
 * JUnit schema: one testsuite per submission, one testcase per check, plus the build (and engine
 * trouble, if any) as test cases of their own. `junit` shows the instructor every check;
 * `junit-learner` only the visible ones, for what a learner's CI publishes.
 */
export function renderJunit(run: RunView, options: { lang: Lang }): string {
  // Build logs may hold characters that XML 1.0 cannot carry even escaped.
  const root = loadXmlBuilder()
    .create({ version: "1.0", encoding: "UTF-8", invalidCharReplacement: "\uFFFD" })
    .ele("testsuites");
  const several = run.results.length > 1;
  const totals = run.results
    .map((result) => addSuite(root, result, several, options.lang))
    .reduce(
      (sum, counts) => ({
        tests: sum.tests + counts.tests,
        failures: sum.failures + counts.failures,
        errors: sum.errors + counts.errors,
      }),
      { tests: 0, failures: 0, errors: 0 },
    );
  // The schema allows no "skipped" on <testsuites>.
  root.att({
    name: "dockgrade",
    ...totals,
    time: seconds(run.results.reduce((sum, result) => sum + result.durationMs, 0)),
  });
  return `${root.end({ prettyPrint: true })}\n`;
}
