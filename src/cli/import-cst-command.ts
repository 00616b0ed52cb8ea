import { importCst } from "../authoring/import-cst/import-cst.js";
import type { Lang } from "../i18n.js";

/**
 * `dockgrade import-cst <cst-file> <exercise-dir>`: the conversion report on stdout; exit 0 when
 * an exercise was written, 2 when no test could be converted (nothing written).
 */
export async function importCstCommand(
  cstFile: string,
  exerciseDir: string,
  options: { force: boolean; lang: Lang; write: (text: string) => void },
): Promise<number> {
  const result = await importCst(cstFile, exerciseDir, options);
  options.write(result.report);
  return result.written.length > 0 ? 0 : 2;
}
