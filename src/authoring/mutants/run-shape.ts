import { localized } from "../../i18n.js";
import { dockerfileOf } from "./instruction-order.js";
import { mutant, type MutationFamily } from "./mutant.js";

/** Each shell-form RUN joined with `&&` cut in two RUNs, at each `&&`. */
export const splitRun: MutationFamily = (solution) => {
  const text = dockerfileOf(solution);
  if (!text) return [];
  return text.instructions
    .filter((i) => text.keyword(i) === "RUN" && text.isShellForm(i))
    .flatMap((run) => {
      const raw = text.raw(run);
      const line = text.span(run)[0] + 1;
      const cuts = [...raw.matchAll(/&&/g)].map((match) => match.index);
      return cuts.map((cut, index) => {
        const before = raw.slice(0, cut).replace(/[\s\\]+$/, "");
        const after = raw.slice(cut + 2).replace(/^[\s\\]+/, "");
        const keyword = raw.match(/^\s*\S+/)![0].trim();
        return mutant(
          "split-run",
          `line-${line}-${index + 1}`,
          localized(
            `RUN de la ligne ${line} coupé en deux au ${index + 1}e \`&&\` : ${after.split("\n")[0]}`,
            `RUN of line ${line} split in two at && number ${index + 1}: ${after.split("\n")[0]}`,
          ),
          [[solution.dockerfile, text.replaceInstruction(run, [before, `${keyword} ${after}`])]],
        );
      });
    });
};

/** Each two RUNs that follow each other (shell form) joined into one with `&&`. */
export const mergeRuns: MutationFamily = (solution) => {
  const text = dockerfileOf(solution);
  if (!text) return [];
  const list = text.instructions;
  return list.slice(0, -1).flatMap((first, index) => {
    const second = list[index + 1]!;
    const isRun = (i: typeof first) => text.keyword(i) === "RUN" && text.isShellForm(i);
    if (!isRun(first) || !isRun(second)) return [];
    const line = text.span(first)[0] + 1;
    const merged = `${text.raw(first)} \\\n && ${second.getArgumentsContent() ?? ""}`;
    const [s1] = text.span(first);
    const [, e2] = text.span(second);
    const content = [...text.lines.slice(0, s1), ...merged.split("\n"), ...text.lines.slice(e2 + 1)].join("\n");
    return [
      mutant(
        "merge-runs",
        `line-${line}`,
        localized(
          `RUN des lignes ${line} et suivante réunis en un seul`,
          `RUNs of line ${line} and the next one merged`,
        ),
        [[solution.dockerfile, content]],
      ),
    ];
  });
};
