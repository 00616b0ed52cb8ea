import { pick, type Lang } from "../i18n.js";
import type { CaseProblem } from "./case-verdict.js";
import type { CaseReport, VerifyReport } from "./verify-exercise.js";

const t = (lang: Lang, fr: string, en: string) => (lang === "fr" ? fr : en);

function problemLines(problem: CaseProblem, lang: Lang): string[] {
  const head = problem.check ? `${problem.check}: ` : "";
  const lines = [
    `      - ${head}${pick(problem.summary, lang)} (${t(lang, "attendu", "expected")} ${problem.expected}, ${t(lang, "obtenu", "got")} ${problem.actual})`,
  ];
  const message = pick(problem.message, lang);
  if (message) lines.push(...message.split("\n").map((line) => `          ${line}`));
  return lines;
}

function caseLabel(report: CaseReport, lang: Lang): string {
  if (report.expect.kind === "fixture") {
    const fails = report.expect.fails.length > 0 ? report.expect.fails.join(", ") : "-";
    return `${t(lang, "cas", "fixture")} ${report.name} (fails: ${fails}${report.expect.skips ? `; skips: ${report.expect.skips.join(", ") || "-"}` : ""})`;
  }
  return report.name;
}

/** The verification as text: each exercise, each case, and how a case differed from what it must get. */
export function verifyText(report: VerifyReport, lang: Lang): string {
  const out: string[] = [];
  let cases = 0;
  let differing = 0;
  for (const exercise of report.exercises) {
    out.push(exercise.exercise);
    for (const c of exercise.cases) {
      cases += 1;
      const ok = c.problems.length === 0;
      if (!ok) differing += 1;
      out.push(`  ${ok ? "✓" : "✗"} ${caseLabel(c, lang)}: ${c.result.score}/${c.result.maxScore}`);
      for (const problem of c.problems) out.push(...problemLines(problem, lang));
    }
  }
  out.push(
    differing === 0
      ? t(
          lang,
          `${report.exercises.length} exercice(s), ${cases} cas : tous obtiennent ce qu'ils doivent.`,
          `${report.exercises.length} exercise(s), ${cases} cases: each gets what it must.`,
        )
      : t(
          lang,
          `${report.exercises.length} exercice(s), ${cases} cas : ${differing} n'obtiennent pas ce qu'ils doivent.`,
          `${report.exercises.length} exercise(s), ${cases} cases: ${differing} do not get what they must.`,
        ),
  );
  return `${out.join("\n")}\n`;
}

/** The verification as one JSON document: each case's expectation, problems and result (both languages). */
export function verifyJson(report: VerifyReport): string {
  return `${JSON.stringify(
    {
      ok: report.ok,
      exercises: report.exercises.map((exercise) => ({
        exercise: exercise.exercise,
        dir: exercise.dir,
        cases: exercise.cases.map((c) => ({
          name: c.name,
          dir: c.dir,
          expect: c.expect,
          ok: c.problems.length === 0,
          problems: c.problems,
          status: c.result.status,
          score: c.result.score,
          maxScore: c.result.maxScore,
          checks: c.result.checks.map(({ id, status, message }) => ({ id, status, message })),
        })),
      })),
    },
    null,
    2,
  )}\n`;
}
