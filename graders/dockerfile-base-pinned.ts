import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { FromInstruction } from "../src/grading/context.js";
import { localized, type Localized } from "../src/i18n.js";

/** A tag pins a version when it names one: `3.11-slim` does, `latest` and `slim` do not. */
function pinProblem(from: FromInstruction, variants: string[] | undefined): Localized | undefined {
  const where = `ligne ${from.line}: \`${from.raw.split("\n")[0]}\``;
  const whereEn = `line ${from.line}: \`${from.raw.split("\n")[0]}\``;
  if (from.digest) return undefined;
  if (!from.tag) {
    return localized(
      `${where} n'a pas de tag : Docker prendra \`latest\`, qui change sans prévenir.`,
      `${whereEn} has no tag: Docker will use \`latest\`, which changes without notice.`,
    );
  }
  if (from.tag === "latest") {
    return localized(`${where} utilise \`latest\`, qui n'est pas une version.`, `${whereEn} uses \`latest\`, which is not a version.`);
  }
  if (!/\d/.test(from.tag)) {
    return localized(
      `${where} : le tag \`${from.tag}\` ne contient aucun numéro de version.`,
      `${whereEn}: tag \`${from.tag}\` has no version number.`,
    );
  }
  if (variants && !variants.some((variant) => from.tag?.split("-").includes(variant))) {
    return localized(
      `${where} : la variante doit être l'une de ${variants.join(", ")}.`,
      `${whereEn}: the variant must be one of ${variants.join(", ")}.`,
    );
  }
  return undefined;
}

export default defineGrader({
  kind: "dockerfile.base-pinned",
  description: "Every FROM names an explicit version tag or a digest (never latest or no tag).",
  needs: "dockerfile",
  options: {
    variants: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe("Allowed image variants, e.g. [slim, alpine]; any variant when absent."),
  },
  async run({ variants }, context) {
    const dockerfile = context.dockerfile();
    const images = dockerfile.froms.filter((from) => !from.referencesStage && from.image !== "scratch");
    if (images.length === 0) {
      return failed(localized("Le Dockerfile n'a aucune instruction FROM.", "The Dockerfile has no FROM instruction."));
    }
    const problems = images.map((from) => pinProblem(from, variants)).filter((p): p is Localized => !!p);
    const actual = images.map((from) => from.raw.split("\n")[0]).join("; ");
    const expected = variants ? `FROM image:<version>-{${variants.join("|")}}` : "FROM image:<version>";
    if (problems.length > 0) {
      return failed(
        {
          fr: `${dockerfile.path} ${problems.map((p) => p.fr).join(" ")}`,
          en: `${dockerfile.path} ${problems.map((p) => p.en).join(" ")}`,
        },
        { expected, actual },
      );
    }
    return passed(localized(`Image de base épinglée : ${actual}`, `Base image pinned: ${actual}`), { expected, actual });
  },
});
