import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import { formatBytes } from "../src/format.js";
import { localized } from "../src/i18n.js";

/** How many layers, from the bottom, the two images have in common. */
export function countSharedLayers(image: string[], other: string[]): number {
  let shared = 0;
  while (shared < image.length && shared < other.length && image[shared] === other[shared]) shared += 1;
  return shared;
}

export default defineGrader({
  kind: "image.shares-layers",
  description: "The built image is built on another image: its layers start with that image's layers.",
  needs: "image",
  concurrent: true,
  options: {
    with: z.string().min(1).describe("The other image, e.g. python:3.11-slim or the learner's mon-app:v1."),
    minShared: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Layers that must be shared, from the bottom; default: every layer of `with`."),
  },
  async run({ with: ref, minShared }, context) {
    const image = await context.image();
    const other = await context.lookupImage(ref);
    if (!other) {
      return failed(
        localized(
          `L'image ${ref} est introuvable : impossible de comparer les couches.`,
          `Image ${ref} was not found: layers cannot be compared.`,
        ),
        { expected: ref, actual: "(introuvable / not found)" },
      );
    }
    const needed = minShared ?? other.layers.length;
    const shared = countSharedLayers(image.layers, other.layers);
    const sizes = `${formatBytes(image.sizeBytes)} / ${ref} ${formatBytes(other.sizeBytes)}`;
    const expected = `>= ${needed}/${other.layers.length}`;
    const actual = `${shared}/${other.layers.length}`;
    if (shared < needed) {
      const firstDifferent = shared + 1;
      return failed(
        localized(
          `L'image partage ${shared} couche(s) avec ${ref} sur les ${needed} attendues (tailles : image ${sizes}) ; la couche ${firstDifferent} diffère. Les couches de ${ref} doivent être les premières de l'image : partez de la même base et gardez identiques les étapes communes.`,
          `The image shares ${shared} layer(s) with ${ref} out of the ${needed} expected (sizes: image ${sizes}); layer ${firstDifferent} differs. The layers of ${ref} must come first in the image: start from the same base and keep the common steps identical.`,
        ),
        { expected, actual },
      );
    }
    const whole =
      shared === other.layers.length
        ? localized(
            `, soit ${formatBytes(other.sizeBytes)} stockés une seule fois`,
            `, so ${formatBytes(other.sizeBytes)} stored once`,
          )
        : localized("", "");
    return passed(
      localized(
        `L'image partage ${shared} couche(s) avec ${ref} (${needed} attendues)${whole.fr}. Tailles : image ${sizes}.`,
        `The image shares ${shared} layer(s) with ${ref} (${needed} expected)${whole.en}. Sizes: image ${sizes}.`,
      ),
      { expected, actual },
    );
  },
});
