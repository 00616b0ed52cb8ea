import { pick, type Lang } from "../i18n.js";
import type { MutantsReport } from "./run-mutants.js";

const t = (lang: Lang, fr: string, en: string) => (lang === "fr" ? fr : en);
const percent = (score: number | undefined) => (score === undefined ? "-" : `${Math.round(score * 100)} %`);

/** The mutation run as text: survivors first (the spec's blind spots), then the counts and the score. */
export function mutantsText(report: MutantsReport, lang: Lang): string {
  const out: string[] = [];
  for (const exercise of report.exercises) {
    const { counts } = exercise;
    out.push(exercise.exercise);
    if (exercise.baseline.status !== "passed")
      out.push(
        t(
          lang,
          `  ! la solution n'obtient pas tous les points (${exercise.baseline.score}/${exercise.baseline.maxScore}) : lancez d'abord \`dockgrade verify\``,
          `  ! the solution does not earn full marks (${exercise.baseline.score}/${exercise.baseline.maxScore}): run \`dockgrade verify\` first`,
        ),
      );
    for (const mutant of exercise.mutants) {
      const mark = { survived: "✗", killed: "✓", "not-built": "·", identical: "=", error: "!" }[mutant.outcome];
      const detail =
        mutant.outcome === "killed"
          ? ` (${mutant.score}/${mutant.maxScore}; ${mutant.killedBy.join(", ")})`
          : mutant.outcome === "error"
            ? ` (${mutant.error ?? ""})`
            : mutant.outcome === "not-built" && mutant.buildLog?.length
              ? ` (${mutant.buildLog.at(-1)})`
              : "";
      out.push(`  ${mark} ${mutant.outcome.padEnd(9)} ${mutant.name}: ${pick(mutant.description, lang)}${detail}`);
    }
    out.push(
      t(
        lang,
        `  ${counts.generated} mutants : ${counts.killed} tués, ${counts.survived} survivants, ${counts.notBuilt} non construits, ${counts.identical} identiques, ${counts.errors} en erreur ; score ${percent(counts.score)} (${(exercise.wallMs / 1000).toFixed(0)} s)`,
        `  ${counts.generated} mutants: ${counts.killed} killed, ${counts.survived} survived, ${counts.notBuilt} not built, ${counts.identical} identical, ${counts.errors} errors; score ${percent(counts.score)} (${(exercise.wallMs / 1000).toFixed(0)} s)`,
      ),
    );
  }
  return `${out.join("\n")}\n`;
}

export function mutantsJson(report: MutantsReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
