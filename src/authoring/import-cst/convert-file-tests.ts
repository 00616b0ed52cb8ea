import { referencedNames } from "../../../graders/support/expand-env.js";
import { localized, type Localized } from "../../i18n.js";
import type { CstFileContentTest, CstFileExistenceTest } from "./cst-schema.js";
import { code, listed, type ConvertedCheck } from "./conversion.js";
import { convertPatternLists } from "./go-regex.js";

type Outcome = { check: ConvertedCheck; notes: Localized[] } | { notConverted: Localized };

/** Go's os.FileMode.String(): type letters (or `-`), then rwxrwxrwx with s/t folded into prefix letters. */
export function parseGoPermissions(
  text: string,
): { type?: "file" | "directory" | "symlink"; mode: string } | undefined {
  const match = /^([dalTLDpSugct?]+|-)([r-][w-][x-][r-][w-][x-][r-][w-][x-])$/.exec(text);
  if (!match) return undefined;
  const letters = match[1] === "-" ? "" : match[1]!;
  let bits = [...match[2]!].reduce((mode, char, index) => (char === "-" ? mode : mode | (1 << (8 - index))), 0);
  let type: "file" | "directory" | "symlink" | undefined = "file";
  for (const letter of letters) {
    if (letter === "d") type = "directory";
    else if (letter === "L") type = "symlink";
    else if (letter === "u") bits |= 0o4000;
    else if (letter === "g") bits |= 0o2000;
    else if (letter === "t") bits |= 0o1000;
    else type = undefined; // a device, pipe, socket…: no image.file type says it
  }
  if (type === undefined) return undefined;
  return { type, mode: bits.toString(8).padStart(4, "0") };
}

function refusedPath(path: string): Outcome | undefined {
  if (referencedNames(path).length === 0) return undefined;
  return {
    notConverted: localized(
      `le chemin ${code(path)} utilise une variable que CST remplace par l'ENV de l'image, inconnue à l'import`,
      `the path ${code(path)} uses a variable CST replaces from the image's ENV, unknown at import time`,
    ),
  };
}

/** fileExistenceTests[i] → image.file: exists, type and mode from `permissions`, owner from uid/gid, executableBy. */
export function convertFileExistenceTest(test: CstFileExistenceTest): Outcome {
  const refused = refusedPath(test.path);
  if (refused) return refused;
  const notes: Localized[] = [];
  if (!test.shouldExist) {
    const ignored = [
      test.permissions && "permissions",
      test.uid !== -1 && "uid",
      test.gid !== -1 && "gid",
      test.isExecutableBy && "isExecutableBy",
    ].filter(Boolean);
    if (ignored.length > 0) {
      notes.push(
        localized(
          `${ignored.join(", ")} ignoré(s) : CST ne les lit pas quand shouldExist vaut false.`,
          `${ignored.join(", ")} ignored: CST does not read them when shouldExist is false.`,
        ),
      );
    }
    return {
      check: {
        kind: "image.file",
        title: localized(test.name, test.name),
        hint: localized(
          `${code(test.path)} ne doit pas exister dans l'image.`,
          `${code(test.path)} must not exist in the image.`,
        ),
        options: { path: test.path, exists: false },
      },
      notes,
    };
  }
  const options: Record<string, unknown> = { path: test.path };
  const fr = [`${code(test.path)} doit exister dans l'image`];
  const en = [`${code(test.path)} must exist in the image`];
  if (test.permissions) {
    const parsed = parseGoPermissions(test.permissions);
    if (!parsed) {
      return {
        notConverted: localized(
          `permissions ${code(test.permissions)} : ni fichier, ni dossier, ni lien symbolique (ou écriture inconnue)`,
          `permissions ${code(test.permissions)}: not a file, folder or symlink (or an unknown notation)`,
        ),
      };
    }
    Object.assign(options, parsed);
    fr.push(`avec les droits ${code(test.permissions)} (${parsed.type}, ${parsed.mode})`);
    en.push(`with permissions ${code(test.permissions)} (${parsed.type}, ${parsed.mode})`);
  }
  if (test.uid !== -1 || test.gid !== -1) {
    if (test.uid === -1) {
      return {
        notConverted: localized(
          "gid sans uid : image.file vérifie le propriétaire par uid ou uid:gid",
          "gid without uid: image.file checks the owner as uid or uid:gid",
        ),
      };
    }
    options.owner = test.gid === -1 ? `${test.uid}` : `${test.uid}:${test.gid}`;
    fr.push(`appartenant à ${options.owner as string}`);
    en.push(`owned by ${options.owner as string}`);
  }
  if (test.isExecutableBy) {
    options.executableBy = test.isExecutableBy;
    const who = { any: "quelqu'un", owner: "son propriétaire", group: "son groupe", other: "les autres" };
    fr.push(`exécutable par ${who[test.isExecutableBy]}`);
    en.push(
      `executable by ${test.isExecutableBy === "any" ? "anyone" : test.isExecutableBy === "other" ? "others" : `its ${test.isExecutableBy}`}`,
    );
  }
  return {
    check: {
      kind: "image.file",
      title: localized(test.name, test.name),
      hint: localized(`${fr.join(", ")}.`, `${en.join(", ")}.`),
      options,
    },
    notes,
  };
}

/** fileContentTests[i] → image.file with one content pattern for all expected and excluded contents. */
export function convertFileContentTest(test: CstFileContentTest): Outcome {
  const refused = refusedPath(test.path);
  if (refused) return refused;
  const { pattern, problem } = convertPatternLists(test.expectedContents, test.excludedContents);
  if (problem) {
    return { notConverted: localized(`expression régulière ${problem}`, `regular expression ${problem}`) };
  }
  const fr = [`${code(test.path)} doit être un fichier lisible`];
  const en = [`${code(test.path)} must be a readable file`];
  if (test.expectedContents?.length) {
    fr.push(`contenant ${listed(test.expectedContents)}`);
    en.push(`containing ${listed(test.expectedContents)}`);
  }
  if (test.excludedContents?.length) {
    fr.push(`sans ${listed(test.excludedContents)}`);
    en.push(`without ${listed(test.excludedContents)}`);
  }
  return {
    check: {
      kind: "image.file",
      title: localized(test.name, test.name),
      hint: localized(`${fr.join(", ")}.`, `${en.join(", ")}.`),
      // An empty pattern still asks for readable content, as CST fails on a folder.
      options: { path: test.path, contentPattern: pattern ?? "", followSymlink: true },
    },
    notes: [],
  };
}
