import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import { basePinProblem, namesAnImage } from "../src/dockerfile/base-pin.js";
import { finalBaseImage, imageReference } from "../src/dockerfile/parse-dockerfile.js";
import type { FromInstruction } from "../src/grading/context.js";
import { localized, type Localized } from "../src/i18n.js";

/** The FROM line as written, and the reference the builder makes of it when build arguments change it. */
function describeFrom(from: FromInstruction): string {
  const line = from.raw.split("\n")[0]!;
  const resolved = imageReference(from);
  return from.written === resolved || from.written === `${from.image}${from.tag ? `:${from.tag}` : ""}`
    ? line
    : `${line} → ${resolved}`;
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
      .describe(
        "Allowed variants of the final image's base, e.g. [slim, alpine] (other stages may use any pinned image); any variant when absent.",
      ),
  },
  async run({ variants }, context) {
    const dockerfile = context.dockerfile();
    if (dockerfile.froms.length === 0) {
      return failed(localized("Le Dockerfile n'a aucune instruction FROM.", "The Dockerfile has no FROM instruction."));
    }
    const images = dockerfile.froms.filter(namesAnImage);
    // Every FROM is pinned; the variant is the delivered image's, its final stage's base.
    const final = finalBaseImage(dockerfile);
    const problems = images
      .map((from) => basePinProblem(from, from === final ? variants : undefined))
      .filter((p): p is Localized => !!p);
    const actual = images.map(describeFrom).join("; ") || "FROM scratch";
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
    return passed(localized(`Image de base épinglée : ${actual}`, `Base image pinned: ${actual}`), {
      expected,
      actual,
    });
  },
});
