import type { SubmissionResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";

const s = (count: number) => (count > 1 ? "s" : "");
const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** The runs reused results come from: `passage a1b2 du 2026-12-01 04:06`, or a short list. */
function sources(reused: SubmissionResult[], lang: Lang): string {
  const runs = new Map<string, string>();
  for (const result of reused) if (result.reusedFrom) runs.set(result.reusedFrom.runId, result.reusedFrom.gradedAt);
  const list = [...runs];
  if (list.length === 0) return "";
  if (list.length === 1) {
    const [runId, gradedAt] = list[0]!;
    return lang === "fr" ? ` (passage ${runId} du ${when(gradedAt)})` : ` (run ${runId} of ${when(gradedAt)})`;
  }
  const names = list.slice(0, 3).map(([runId]) => runId);
  const more = list.length > 3 ? ", …" : "";
  return lang === "fr" ? ` (passages ${names.join(", ")}${more})` : ` (runs ${names.join(", ")}${more})`;
}

/**
 * What a rerun does with the previous results, in one line: "12 résultats réutilisés (passage …),
 * 4 recorrigés (erreur au précédent passage), 2 à corriger". Nothing when nothing was graded before.
 */
export function resumeNotice(
  counts: { reused: SubmissionResult[]; retried: number; fresh: number },
  lang: Lang,
): string | undefined {
  const { reused, retried, fresh } = counts;
  if (reused.length === 0 && retried === 0) return undefined;
  const n = reused.length;
  const parts =
    lang === "fr"
      ? [
          `${n} résultat${s(n)} réutilisé${s(n)}${sources(reused, lang)}`,
          retried > 0 ? `${retried} recorrigé${s(retried)} (erreur au précédent passage)` : "",
          fresh > 0 ? `${fresh} à corriger (nouveau${fresh > 1 ? "x" : ""} ou modifié${s(fresh)})` : "",
        ]
      : [
          `${n} result${s(n)} reused${sources(reused, lang)}`,
          retried > 0 ? `${retried} graded again (error in the previous run)` : "",
          fresh > 0 ? `${fresh} to grade (new or changed)` : "",
        ];
  return `${parts.filter(Boolean).join(", ")}\n`;
}
