import { isMap, isScalar, parseDocument } from "yaml";
import { localized } from "../../i18n.js";
import { mutant, type MutationFamily } from "./mutant.js";

/** Each docker command of the learner's command file removed, one at a time (comments and blank lines are not commands). */
export const deleteCommand: MutationFamily = (solution) => {
  const file = solution.commandFile;
  const content = file ? solution.files.get(file)?.toString("utf8") : undefined;
  if (!file || content === undefined) return [];
  const lines = content.split("\n");
  return lines.flatMap((line, index) => {
    const command = line.trim();
    if (!command || command.startsWith("#")) return [];
    return [
      mutant(
        "delete-command",
        `${file}:${index + 1}`,
        localized(
          `commande supprimée de ${file} (ligne ${index + 1}) : ${command}`,
          `command removed from ${file} (line ${index + 1}): ${command}`,
        ),
        [[file, lines.filter((_, other) => other !== index).join("\n")]],
      ),
    ];
  });
};

/** Each answer of an answer file emptied, one at a time. */
export const blankAnswer: MutationFamily = (solution) =>
  solution.answerFiles.flatMap((file) => {
    const content = solution.files.get(file)?.toString("utf8");
    if (content === undefined) return [];
    const document = parseDocument(content);
    if (!isMap(document.contents)) return [];
    return document.contents.items.flatMap((pair) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (!key || typeof value !== "string" || value.trim() === "") return [];
      const blanked = parseDocument(content);
      blanked.set(key, "");
      return [
        mutant(
          "blank-answer",
          `${file}:${key}`,
          localized(`réponse « ${key} » vidée dans ${file}`, `answer "${key}" emptied in ${file}`),
          [[file, blanked.toString()]],
        ),
      ];
    });
  });

/** Each file of the solution deleted, one at a time. */
export const deleteFile: MutationFamily = (solution) =>
  [...solution.files.keys()]
    .sort()
    .map((file) =>
      mutant("delete-file", file, localized(`fichier supprimé : ${file}`, `file deleted: ${file}`), [[file, null]]),
    );

const EXTRA_FILE = "donnees-en-trop.bin";
const EXTRA_MB = 20;

/** A 20 MB file the application does not need added beside the solution's (does it end up in the image?). */
export const addFile: MutationFamily = (solution) =>
  solution.files.has(EXTRA_FILE)
    ? []
    : [
        mutant(
          "add-file",
          undefined,
          localized(
            `fichier inutile de ${EXTRA_MB} Mo ajouté au dossier : ${EXTRA_FILE}`,
            `useless ${EXTRA_MB} MB file added to the folder: ${EXTRA_FILE}`,
          ),
          [[EXTRA_FILE, Buffer.alloc(EXTRA_MB * 1024 * 1024)]],
        ),
      ];
