import { createHash } from "node:crypto";
import { UsageError } from "../../errors.js";
import type { Mutant, MutationFamily, SolutionFiles } from "./mutant.js";
import { fromAlpineVariant, fromFullVariant, fromLatest } from "./base-image.js";
import { dropInstruction, swapInstructions } from "./instruction-order.js";
import { addFile, blankAnswer, deleteCommand, deleteFile } from "./learner-files.js";
import { mergeRuns, splitRun } from "./run-shape.js";
import { changeCmd, dropUser, healthcheckAlwaysTrue, removeHealthcheck } from "./runtime-config.js";

/**
 * Every mutation family, the most telling first: a mutant that another family already made
 * (the same files) keeps the first family's name and description.
 */
export const MUTATION_FAMILIES: Record<string, MutationFamily> = {
  "from-latest": fromLatest,
  "from-full-variant": fromFullVariant,
  "from-alpine-variant": fromAlpineVariant,
  "remove-healthcheck": removeHealthcheck,
  "healthcheck-always-true": healthcheckAlwaysTrue,
  "drop-user": dropUser,
  "change-cmd": changeCmd,
  "split-run": splitRun,
  "merge-runs": mergeRuns,
  "delete-command": deleteCommand,
  "blank-answer": blankAnswer,
  "drop-instruction": dropInstruction,
  "swap-instructions": swapInstructions,
  "delete-file": deleteFile,
  "add-file": addFile,
};

function editsKey(mutant: Mutant): string {
  return JSON.stringify(
    [...mutant.edits.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, edit]) => [path, edit === null ? null : createHash("sha256").update(edit).digest("hex")]),
  );
}

/** True when the mutant changes nothing (every edit writes what the file already holds). */
export function isIdentical(mutant: Mutant, solution: SolutionFiles): boolean {
  return [...mutant.edits.entries()].every(([path, edit]) => {
    const current = solution.files.get(path);
    if (edit === null) return current === undefined;
    return current !== undefined && current.equals(Buffer.from(edit));
  });
}

/**
 * The catalogue's mutants of one solution, without duplicates; `only` keeps the families or
 * mutant names it lists (all when empty).
 */
export function mutantsOf(solution: SolutionFiles, only: string[] = []): Mutant[] {
  const unknown = only.filter(
    (name) => !(name in MUTATION_FAMILIES) && !Object.keys(MUTATION_FAMILIES).some((f) => name.startsWith(`${f}:`)),
  );
  if (unknown.length > 0)
    throw new UsageError(
      `unknown mutation ${unknown.join(", ")} (families: ${Object.keys(MUTATION_FAMILIES).join(", ")})`,
    );
  const seen = new Set<string>();
  return Object.values(MUTATION_FAMILIES)
    .flatMap((family) => family(solution))
    .filter((mutant) => only.length === 0 || only.includes(mutant.family) || only.includes(mutant.name))
    .filter((mutant) => {
      const key = editsKey(mutant);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
