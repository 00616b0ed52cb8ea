import { localized } from "../../i18n.js";
import { DockerfileText } from "./dockerfile-text.js";
import { mutant, type MutationFamily, type SolutionFiles } from "./mutant.js";

function dockerfileOf(solution: SolutionFiles): DockerfileText | undefined {
  const content = solution.files.get(solution.dockerfile);
  return content === undefined ? undefined : new DockerfileText(content.toString("utf8"));
}

/** FROM stays: without it nothing builds, which says nothing about the spec. */
const movable = (text: DockerfileText) => text.instructions.filter((i) => text.keyword(i) !== "FROM");

/** Each instruction but FROM removed, one at a time. */
export const dropInstruction: MutationFamily = (solution) => {
  const text = dockerfileOf(solution);
  if (!text) return [];
  return movable(text).map((instruction) => {
    const line = text.span(instruction)[0] + 1;
    const shown = text.block(instruction)[0]!.trim();
    return mutant(
      "drop-instruction",
      `line-${line}`,
      localized(`instruction supprimée (ligne ${line}) : ${shown}`, `instruction removed (line ${line}): ${shown}`),
      [[solution.dockerfile, text.replaceInstruction(instruction, [])]],
    );
  });
};

/**
 * Instructions that only set the image's configuration and change nothing the instructions after
 * them do: moving one past its neighbour gives the same image, so such swaps are not made.
 */
const CONFIG_ONLY = new Set(["EXPOSE", "HEALTHCHECK", "CMD", "ENTRYPOINT", "LABEL", "STOPSIGNAL", "MAINTAINER"]);

/** Each pair of adjacent instructions (FROM excepted) exchanged, unless one only sets configuration. */
export const swapInstructions: MutationFamily = (solution) => {
  const text = dockerfileOf(solution);
  if (!text) return [];
  const list = movable(text);
  return list.slice(0, -1).flatMap((first, index) => {
    const second = list[index + 1]!;
    if (CONFIG_ONLY.has(text.keyword(first)) || CONFIG_ONLY.has(text.keyword(second))) return [];
    if (text.raw(first) === text.raw(second)) return [];
    const [line1, line2] = [text.span(first)[0] + 1, text.span(second)[0] + 1];
    const [k1, k2] = [text.keyword(first), text.keyword(second)];
    return [
      mutant(
        "swap-instructions",
        `lines-${line1}-${line2}`,
        localized(
          `instructions échangées : ${k1} (ligne ${line1}) et ${k2} (ligne ${line2})`,
          `instructions swapped: ${k1} (line ${line1}) and ${k2} (line ${line2})`,
        ),
        [[solution.dockerfile, text.swap(first, second)]],
      ),
    ];
  });
};

export { dockerfileOf };
