import { mkdir, readdir, writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import type { Lang } from "../../i18n.js";
import { UsageError } from "../../errors.js";
import { packageRoot } from "../../package-root.js";
import { conversionReport } from "./conversion-report.js";
import type { ConversionItem } from "./conversion.js";
import { convertCst } from "./convert-cst.js";
import { exerciseFromCst } from "./exercise-from-cst.js";
import { readCstFile } from "./read-cst-file.js";
import { readmeFromCst, STARTER_DOCKERFILE } from "./readme-from-cst.js";

export interface ImportCstResult {
  items: ConversionItem[];
  /** Files written, relative to the target folder; empty when nothing could be converted. */
  written: string[];
  report: string;
}

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  return readdir(dir).then(
    (entries) => entries.length === 0,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return true;
      if (error.code === "ENOTDIR") throw new UsageError(`${dir}: is a file, not a folder`);
      throw error;
    },
  );
}

/** Converts a CST file and writes the exercise folder (exercise.yaml, README.md, starter/Dockerfile). */
export async function importCst(
  cstFile: string,
  targetDir: string,
  options: { force: boolean; lang: Lang },
): Promise<ImportCstResult> {
  const read = await readCstFile(cstFile);
  if (!(await isEmptyOrAbsent(targetDir)) && !options.force) {
    throw new UsageError(`${targetDir}: the folder is not empty; choose another or pass --force to write over it`);
  }
  const items = convertCst(read);
  const written: string[] = [];
  const ids = new Map<ConversionItem, string>();
  if (items.some((item) => item.check)) {
    const schemaPath = relative(targetDir, join(packageRoot(), "schema", "exercise.schema.json"))
      .split("\\")
      .join("/");
    const draft = exerciseFromCst({ items, targetDir, cstFile: read.shown, schemaPath });
    for (const { item, id } of draft.checks) ids.set(item, id);
    await mkdir(join(targetDir, "starter"), { recursive: true });
    await writeFile(join(targetDir, "exercise.yaml"), draft.yaml);
    await writeFile(join(targetDir, "README.md"), readmeFromCst(draft, items, basename(cstFile)));
    await writeFile(join(targetDir, "starter", "Dockerfile"), STARTER_DOCKERFILE);
    written.push("exercise.yaml", "README.md", "starter/Dockerfile");
  }
  const report = conversionReport(items, { cstFile: read.shown, targetDir, written, ids }, options.lang);
  return { items, written, report };
}
