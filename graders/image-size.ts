import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import { formatBytes } from "../src/format.js";
import { joinLocalized, localized, type Localized } from "../src/i18n.js";
import { biggestAddedSteps, formatSteps } from "./support/image-added-steps.js";

const MB = 1e6;

export default defineGrader({
  kind: "image.size",
  description: "Size of the built image, on its own or compared with its base image (decimal MB).",
  needs: "image",
  concurrent: true,
  options: {
    maxMb: z.number().positive().optional().describe("Largest image size allowed, in MB (1 MB = 1,000,000 bytes)."),
    minMb: z.number().min(0).optional().describe("Smallest image size allowed, in MB: proves something was installed."),
    maxAddedMb: z.number().min(0).optional().describe("Most MB the image may add on top of its base image."),
    maxRatioToBase: z
      .number()
      .positive()
      .optional()
      .describe("Largest image size / base image size allowed, e.g. 1.2."),
  },
  async run({ maxMb, minMb, maxAddedMb, maxRatioToBase }, context) {
    const image = await context.image();
    const base = await context.baseImage();
    const baseBytes = base?.sizeBytes ?? 0;
    const addedBytes = Math.max(0, image.sizeBytes - baseBytes);
    const ratio = base && baseBytes > 0 ? image.sizeBytes / baseBytes : undefined;
    const problems: Localized[] = [];
    const expected: string[] = [];
    if (maxMb !== undefined) {
      expected.push(`<= ${maxMb} MB`);
      if (image.sizeBytes > maxMb * MB)
        problems.push(localized(`L'image dépasse ${maxMb} MB.`, `The image is over ${maxMb} MB.`));
    }
    if (minMb !== undefined) {
      expected.push(`>= ${minMb} MB`);
      if (image.sizeBytes < minMb * MB)
        problems.push(localized(`L'image fait moins de ${minMb} MB.`, `The image is under ${minMb} MB.`));
    }
    if (maxAddedMb !== undefined) {
      expected.push(`+ <= ${maxAddedMb} MB`);
      if (addedBytes > maxAddedMb * MB) {
        problems.push(
          localized(
            `L'image ajoute plus de ${maxAddedMb} MB à son image de base.`,
            `The image adds more than ${maxAddedMb} MB to its base image.`,
          ),
        );
      }
    }
    if (maxRatioToBase !== undefined) {
      expected.push(`<= ${maxRatioToBase} × base`);
      // Without a base (FROM scratch) there is no ratio: maxMb and maxAddedMb still apply.
      if (ratio !== undefined && ratio > maxRatioToBase) {
        problems.push(
          localized(
            `L'image fait ${ratio.toFixed(2)} fois son image de base (maximum ${maxRatioToBase}).`,
            `The image is ${ratio.toFixed(2)} times its base image (at most ${maxRatioToBase}).`,
          ),
        );
      }
    }
    const summary = sizeSummary(image.sizeBytes, base ? baseBytes : undefined, addedBytes, ratio);
    const biggest = formatSteps(biggestAddedSteps(image, base, 3));
    const details = biggest
      ? localized(
          `${summary.fr}\nCouches ajoutées les plus lourdes :${biggest}`,
          `${summary.en}\nBiggest added layers:${biggest}`,
        )
      : summary;
    const outcome = { expected: expected.join(", ") || undefined, actual: formatBytes(image.sizeBytes) };
    if (problems.length > 0) return failed(joinLocalized([...problems, details]), outcome);
    return passed(details, outcome);
  },
});

function sizeSummary(
  imageBytes: number,
  baseBytes: number | undefined,
  addedBytes: number,
  ratio: number | undefined,
): Localized {
  const size = formatBytes(imageBytes);
  if (baseBytes === undefined) {
    return localized(`Taille : ${size} (pas d'image de base connue).`, `Size: ${size} (no known base image).`);
  }
  const base = formatBytes(baseBytes);
  const added = formatBytes(addedBytes);
  const times = ratio === undefined ? "" : `, × ${ratio.toFixed(2)}`;
  return localized(
    `Taille : ${size} ; image de base : ${base} ; ajouté : ${added}${times}.`,
    `Size: ${size}; base image: ${base}; added: ${added}${times}.`,
  );
}
