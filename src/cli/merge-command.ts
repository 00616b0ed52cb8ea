import { readFile } from "node:fs/promises";
import { UsageError } from "../errors.js";
import { runExitCode, type RunResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { loadRoster, parseFormats, writeReports } from "./report-outputs.js";

/** `dockgrade merge a.json b.json...`: joins the JSON results of shards into one run. */
export async function mergeCommand(
  files: string[],
  options: {
    format: string[];
    lang: Lang;
    /** A class roster (CSV) mapping submission folders to students, for the gradebooks. */
    roster?: string;
    write: (text: string) => void;
    notice?: (text: string) => void;
  },
): Promise<0 | 1 | 2> {
  const outputs = parseFormats(options.format.length > 0 ? options.format : ["json"]);
  const roster = await loadRoster(options.roster);
  const runs = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, "utf8").catch(() => {
        throw new UsageError(`${file}: not found`);
      });
      try {
        const run = JSON.parse(text) as RunResult;
        if (!Array.isArray(run.results)) throw new Error("no results array");
        return run;
      } catch (error) {
        throw new UsageError(`${file}: not a dockgrade JSON result (${(error as Error).message})`);
      }
    }),
  );
  const merged: RunResult = {
    results: runs
      .flatMap((run) => run.results)
      .sort((a, b) => a.exercise.localeCompare(b.exercise) || a.submission.localeCompare(b.submission)),
  };
  await writeReports(outputs, merged, { lang: options.lang, roster, notice: options.notice }, options.write);
  return runExitCode(merged);
}
