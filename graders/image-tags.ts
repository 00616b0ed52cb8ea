import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import { localized } from "../src/i18n.js";

export default defineGrader({
  kind: "image.tags",
  description: "The listed image references exist after the learner's commands, optionally all on one image.",
  needs: "image",
  concurrent: true,
  options: {
    refs: z.array(z.string().min(1)).min(1).describe("Image references that must exist, e.g. mon-app:v1."),
    sameImage: z.boolean().default(false).describe("All references must point to the same image id."),
  },
  async run({ refs, sameImage }, context) {
    const found = await Promise.all(refs.map(async (ref) => ({ ref, image: await context.findImage(ref) })));
    const missing = found.filter((entry) => !entry.image).map((entry) => entry.ref);
    const expected = refs.join(", ");
    const actual =
      found
        .filter((entry) => entry.image)
        .map((entry) => entry.ref)
        .join(", ") || "(aucune / none)";
    if (missing.length > 0) {
      const runs = (await context.commandRuns()) ?? [];
      const broken = runs.filter((run) => run.exitCode !== 0);
      const why = broken.map(
        (run) =>
          `\n  ligne/line ${run.line}: ${run.text} → ${(run.refused?.fr ?? run.output).trim().split("\n").at(-1)}`,
      );
      const noFile = runs.length === 0;
      return failed(
        localized(
          `Introuvable : ${missing.join(", ")}.${noFile ? " Aucune commande docker n'a été trouvée dans le fichier de commandes." : ""}${why.join("")}`,
          `Not found: ${missing.join(", ")}.${noFile ? " No docker command was found in the command file." : ""}${why.join("")}`,
        ),
        { expected, actual },
      );
    }
    const ids = new Set(found.map((entry) => entry.image?.id));
    if (sameImage && ids.size > 1) {
      const detail = found.map((entry) => `${entry.ref} → ${entry.image?.id.slice(7, 19)}`).join(", ");
      return failed(
        localized(
          `Ces tags désignent des images différentes : ${detail}.`,
          `These tags point to different images: ${detail}.`,
        ),
        { expected: "un seul identifiant d'image / one image id", actual: detail },
      );
    }
    return passed(localized(`Tags présents : ${expected}.`, `Tags present: ${expected}.`), { expected, actual });
  },
});
