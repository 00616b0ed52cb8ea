import { UsageError } from "../errors.js";
import { findExerciseDirs } from "../exercise/find-exercises.js";
import type { Lang } from "../i18n.js";
import { resolveExerciseDir } from "./resolve-exercise.js";

export interface VerifyCommandOptions {
  format: "text" | "json";
  lang: Lang;
  concurrency: number;
  /** Run the mutation catalogue on each solution instead of checking the cases. */
  mutants?: boolean;
  /** Only these mutation families (or mutant names); all when empty. */
  mutant?: string[];
  /** At most this many mutants per exercise. */
  maxMutants?: number;
  write: (text: string) => void;
  notice?: (text: string) => void;
}

/**
 * `dockgrade verify <exercise-or-pack>`: exit 0 every case gets what it must (with --mutants: no
 * mutant survives), 1 some case does not (a survivor), 2 could not verify (engine, spec).
 */
export async function verifyCommand(target: string, options: VerifyCommandOptions): Promise<0 | 1 | 2> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
    throw new UsageError(`--concurrency ${options.concurrency}: expected a whole number >= 1`);
  if (options.maxMutants !== undefined && (!Number.isInteger(options.maxMutants) || options.maxMutants < 1))
    throw new UsageError(`--max-mutants ${options.maxMutants}: expected a whole number >= 1`);
  const dirs = await findExerciseDirs(await resolveExerciseDir(target));
  if (dirs.length === 0) throw new UsageError(`${target}: no exercise.yaml in it or below it`);
  const gradeOptions = { concurrency: options.concurrency, lang: options.lang, notice: options.notice };
  if (options.mutants) {
    const [{ runMutants }, { mutantsText, mutantsJson }] = await Promise.all([
      import("../authoring/run-mutants.js"),
      import("../authoring/mutants-report.js"),
    ]);
    const report = await runMutants(dirs, { ...gradeOptions, only: options.mutant ?? [], max: options.maxMutants });
    options.write(options.format === "json" ? mutantsJson(report) : mutantsText(report, options.lang));
    if (report.exercises.some((e) => e.mutants.some((m) => m.outcome === "error"))) return 2;
    return report.exercises.some((e) => e.mutants.some((m) => m.outcome === "survived")) ? 1 : 0;
  }
  const [{ verifyExercises }, { verifyText, verifyJson }] = await Promise.all([
    import("../authoring/verify-exercise.js"),
    import("../authoring/verify-report.js"),
  ]);
  const report = await verifyExercises(dirs, gradeOptions);
  options.write(options.format === "json" ? verifyJson(report) : verifyText(report, options.lang));
  if (report.exercises.some((e) => e.cases.some((c) => c.result.status === "error"))) return 2;
  return report.ok ? 0 : 1;
}
