import { localized } from "../../i18n.js";
import { convertCommandTest } from "./convert-command-test.js";
import { convertFileContentTest, convertFileExistenceTest } from "./convert-file-tests.js";
import { convertMetadataTest } from "./convert-metadata-test.js";
import type { ConversionItem } from "./conversion.js";
import type { ReadCstFile } from "./read-cst-file.js";

/**
 * Every test of a CST file, in the file's order of families (commands, file existence, file
 * content, metadata, licenses), each converted to one check or named with the reason it is not.
 */
export function convertCst({ test, lineOf }: ReadCstFile): ConversionItem[] {
  const items: ConversionItem[] = [];
  const at = (path: (string | number)[]) => ({ source: formatSource(path), line: lineOf(path) });
  const context = { globalEnvVars: test.globalEnvVars ?? [], runOptions: test.containerRunOptions ?? undefined };

  (test.commandTests ?? []).forEach((command, index) => {
    items.push({
      ...at(["commandTests", index]),
      name: command.name,
      notes: [],
      ...convertCommandTest(command, context),
    });
  });
  (test.fileExistenceTests ?? []).forEach((file, index) => {
    items.push({ ...at(["fileExistenceTests", index]), name: file.name, notes: [], ...convertFileExistenceTest(file) });
  });
  (test.fileContentTests ?? []).forEach((file, index) => {
    items.push({ ...at(["fileContentTests", index]), name: file.name, notes: [], ...convertFileContentTest(file) });
  });
  if (test.metadataTest) {
    for (const group of convertMetadataTest(test.metadataTest)) {
      const item: ConversionItem = {
        ...at(["metadataTest", group.field]),
        name: `metadataTest.${group.field}`,
        idBase: `metadata-${group.field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
        notes: group.notes,
      };
      if (group.options)
        item.check = { kind: "image.config", title: group.title, hint: group.hint, options: group.options };
      else if (group.notConverted) item.notConverted = group.notConverted;
      items.push(item);
    }
  }
  (test.licenseTests ?? []).forEach((_, index) => {
    items.push({
      ...at(["licenseTests", index]),
      name: "licenseTests",
      notes: [],
      notConverted: localized(
        "licenseTests : CST cherche AGPL ou WTFPL dans les fichiers copyright des paquets Debian ; aucune vérification de dockgrade ne parcourt ces fichiers",
        "licenseTests: CST looks for AGPL or WTFPL in the Debian packages' copyright files; no dockgrade check walks those files",
      ),
    });
  });
  return items;
}

function formatSource(path: (string | number)[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    "",
  );
}
