import { readFile } from "node:fs/promises";
import type { DockerfileModel } from "../grading/context.js";
import { localized, type Localized } from "../i18n.js";
import { parseDockerfile } from "./parse-dockerfile.js";

export type DockerfileState = { model: DockerfileModel } | { problem: Localized };

/** Reads and parses a submission's Dockerfile; a missing, binary or empty one is a problem the checks report. */
export async function readDockerfile(path: string, shown: string): Promise<DockerfileState> {
  const bytes = await readFile(path).catch(() => undefined);
  if (!bytes)
    return {
      problem: localized(
        `\`${shown}\` est introuvable dans le dossier rendu.`,
        `\`${shown}\` is missing from the submission.`,
      ),
    };
  if (bytes.includes(0))
    return {
      problem: localized(
        `\`${shown}\` est un fichier binaire, pas un Dockerfile.`,
        `\`${shown}\` is a binary file, not a Dockerfile.`,
      ),
    };
  const model = parseDockerfile(shown, new TextDecoder("utf-8", { fatal: false }).decode(bytes));
  if (model.instructions.length === 0)
    return {
      problem: localized(
        `\`${shown}\` est vide : il ne contient aucune instruction.`,
        `\`${shown}\` is empty: it holds no instruction.`,
      ),
    };
  return { model };
}
