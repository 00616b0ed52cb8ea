import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { RebuildStep } from "../src/grading/context.js";
import { localized, type Localized } from "../src/i18n.js";
import { regexOption } from "./support/regex-option.js";

const stepsMatching = (pattern: string, steps: RebuildStep[]) =>
  steps.filter((step) => new RegExp(pattern).test(step.instruction));
const listSteps = (steps: RebuildStep[], lang: "fr" | "en") =>
  steps
    .map((step) => {
      const label = step.cached ? (lang === "fr" ? "cache" : "cached") : lang === "fr" ? "reconstruit" : "rebuilt";
      return `\n  ${label.padEnd(11)}  ${step.instruction}`;
    })
    .join("") || "\n  (aucune étape / no step)";

export default defineGrader({
  kind: "build.cache",
  description: "After a small change to one file, the rebuild reuses the cache for the steps that do not depend on it.",
  needs: "image",
  concurrent: true,
  rebuilds: true,
  options: {
    change: z
      .object({
        file: z.string().min(1).describe("File of the submission that changes, e.g. app.py."),
        append: z
          .string()
          .default("\n# dockgrade: changement {id}\n")
          .describe(
            "Text appended to it (a comment, so the app still works). `{id}` becomes an id of this rebuild: two identical submissions graded at once then cannot share the rebuilt step in the engine's cache.",
          ),
      })
      .strict()
      .describe("The change made before rebuilding."),
    cached: z
      .array(regexOption().describe("Regular expression on a step, e.g. `pip install`."))
      .describe("Each must match a step taken from the cache."),
    rebuilt: z
      .array(regexOption().describe("Regular expression on a step, e.g. `COPY . .`."))
      .optional()
      .describe("Each must match a step that ran again."),
  },
  async run({ change, cached, rebuilt }, context) {
    await context.image();
    const report = await context.rebuildAfterChange({ file: change.file, append: change.append });
    if (!report.ok) {
      // The first build succeeded, and appending a comment should not break it: not the learner's doing.
      throw new Error(`rebuild after changing ${change.file} failed:\n${report.logExcerpt.join("\n")}`);
    }
    const problems: Localized[] = [];
    let cacheBroken = false;
    const expectations = [
      ...cached.map((pattern) => ({ pattern, cached: true })),
      ...(rebuilt ?? []).map((pattern) => ({ pattern, cached: false })),
    ];
    for (const wanted of expectations) {
      const candidates = stepsMatching(wanted.pattern, report.steps);
      if (candidates.length === 0) {
        problems.push(
          localized(`aucune étape ne correspond à /${wanted.pattern}/`, `no step matches /${wanted.pattern}/`),
        );
      } else if (!candidates.some((step) => step.cached === wanted.cached)) {
        cacheBroken ||= wanted.cached;
        problems.push(
          wanted.cached
            ? localized(
                `/${wanted.pattern}/ a été reconstruit au lieu de venir du cache`,
                `/${wanted.pattern}/ was rebuilt instead of coming from the cache`,
              )
            : localized(
                `/${wanted.pattern}/ vient du cache alors qu'il devait être reconstruit`,
                `/${wanted.pattern}/ came from the cache but had to be rebuilt`,
              ),
        );
      }
    }
    const expected = [...cached.map((p) => `cache: /${p}/`), ...(rebuilt ?? []).map((p) => `rebuilt: /${p}/`)].join(
      ", ",
    );
    const actual = report.steps.map((step) => `${step.cached ? "cache" : "rebuilt"}: ${step.instruction}`).join("; ");
    const intro = localized(
      `Après modification de ${change.file}, reconstruction :`,
      `After changing ${change.file}, the rebuild:`,
    );
    const advice = cacheBroken
      ? localized(
          " Copiez d'abord seulement les fichiers de dépendances, installez-les, puis copiez le reste du code.",
          " Copy only the dependency files first, install them, then copy the rest of the code.",
        )
      : localized("", "");
    if (problems.length > 0) {
      return failed(
        localized(
          `${problems.map((p) => p.fr).join(" ; ")}.${advice.fr}\n${intro.fr}${listSteps(report.steps, "fr")}`,
          `${problems.map((p) => p.en).join("; ")}.${advice.en}\n${intro.en}${listSteps(report.steps, "en")}`,
        ),
        { expected, actual },
      );
    }
    return passed(
      localized(`${intro.fr}${listSteps(report.steps, "fr")}`, `${intro.en}${listSteps(report.steps, "en")}`),
      { expected, actual },
    );
  },
});
