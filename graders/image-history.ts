import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { HistoryEntry } from "../src/grading/context.js";
import { shortInstruction } from "../src/format.js";
import { localized, type Localized } from "../src/i18n.js";
import { addedHistory, formatSteps } from "./support/image-added-steps.js";
import { regexOption } from "./support/regex-option.js";

const MB = 1e6;

interface StepSpec {
  pattern: string;
  maxMb?: number | undefined;
  minMb?: number | undefined;
}

/** Tested on the readable instruction (`RUN pip install …`) and on the raw created-by text. */
export function stepMatches(pattern: string, entry: HistoryEntry): boolean {
  const regex = new RegExp(pattern);
  return regex.test(shortInstruction(entry.createdBy, Infinity)) || regex.test(entry.createdBy);
}

function sizeFits(step: StepSpec, entry: HistoryEntry): boolean {
  return (
    (step.maxMb === undefined || entry.sizeBytes <= step.maxMb * MB) &&
    (step.minMb === undefined || entry.sizeBytes >= step.minMb * MB)
  );
}

function describeStep(step: StepSpec): string {
  const bounds = [
    step.minMb !== undefined ? `>= ${step.minMb} MB` : "",
    step.maxMb !== undefined ? `<= ${step.maxMb} MB` : "",
  ].filter(Boolean);
  return `/${step.pattern}/${bounds.length > 0 ? ` (${bounds.join(", ")})` : ""}`;
}

/** Why a step has no acceptable match: absent, present with the wrong size, or out of order. */
function missingReason(step: StepSpec, added: HistoryEntry[]): Localized {
  const name = describeStep(step);
  const byPattern = added.filter((entry) => stepMatches(step.pattern, entry));
  if (byPattern.length === 0) return localized(`aucune étape ne correspond à ${name}`, `no step matches ${name}`);
  const fitting = byPattern.filter((entry) => sizeFits(step, entry));
  if (fitting.length === 0) {
    return localized(
      `${name} : taille hors limites pour chaque étape correspondante`,
      `${name}: size out of bounds for every matching step`,
    );
  }
  // A fitting step exists, so it only comes before a step listed earlier.
  const where = added.indexOf(fitting[0]!) + 1;
  return localized(
    `${name} : trouvée (étape ${where}) mais pas dans l'ordre attendu`,
    `${name}: found (step ${where}) but not in the expected order`,
  );
}

export default defineGrader({
  kind: "image.history",
  description:
    "The steps the submission added over its base image (docker history): expected ones, in order, and forbidden ones.",
  needs: "image",
  concurrent: true,
  options: {
    steps: z
      .array(
        z
          .object({
            pattern: regexOption().describe("Regex on the step's instruction, e.g. `pip install .*--no-cache-dir`."),
            maxMb: z.number().min(0).optional().describe("Largest size of the matching step, in MB."),
            minMb: z.number().min(0).optional().describe("Smallest size of the matching step, in MB."),
          })
          .strict(),
      )
      .default([])
      .describe("Steps that must appear among the added ones."),
    ordered: z.boolean().default(true).describe("The steps must appear in the order listed."),
    forbid: z
      .array(regexOption())
      .optional()
      .describe("Regexes no added step may match, e.g. `apt-get update$` (update alone)."),
  },
  async run({ steps, ordered, forbid }, context) {
    const added = addedHistory(await context.image(), await context.baseImage());
    const problems: Localized[] = [];
    let cursor = 0;
    for (const step of steps) {
      const from = ordered ? cursor : 0;
      const found = added.findIndex(
        (entry, index) => index >= from && stepMatches(step.pattern, entry) && sizeFits(step, entry),
      );
      if (found === -1) problems.push(missingReason(step, added));
      else if (ordered) cursor = found + 1;
    }
    for (const pattern of forbid ?? []) {
      added.forEach((entry, index) => {
        if (!stepMatches(pattern, entry)) return;
        const text = shortInstruction(entry.createdBy);
        problems.push(
          localized(
            `étape ${index + 1} interdite (/${pattern}/) : ${text}`,
            `step ${index + 1} is forbidden (/${pattern}/): ${text}`,
          ),
        );
      });
    }
    const listing = formatSteps(added);
    const forbidden = (forbid ?? []).map((pattern) => `; interdit/forbidden /${pattern}/`).join("");
    const expected = `${steps.map(describeStep).join(ordered ? " → " : ", ")}${forbidden}`;
    const actual = added.map((entry) => shortInstruction(entry.createdBy, 40)).join(" | ");
    if (problems.length > 0) {
      return failed(
        localized(
          `Historique de l'image :\n- ${problems.map((p) => p.fr).join("\n- ")}\nÉtapes ajoutées à l'image de base :${listing}`,
          `Image history:\n- ${problems.map((p) => p.en).join("\n- ")}\nSteps added to the base image:${listing}`,
        ),
        { expected, actual },
      );
    }
    return passed(
      localized(`Étapes ajoutées à l'image de base :${listing}`, `Steps added to the base image:${listing}`),
      { expected, actual },
    );
  },
});
