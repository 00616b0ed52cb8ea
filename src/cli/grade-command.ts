import { stat } from "node:fs/promises";
import { InterruptedError, UsageError } from "../errors.js";
import { gradeSubmission } from "../grading/grade-submission.js";
import { runExitCode, type RunResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { reporters } from "../report/index.js";
import { createDockerClient, requireEngine } from "../runtime/docker-client.js";
import { wasInterrupted } from "../runtime/interrupts.js";
import { newId } from "../runtime/labels.js";
import { loadExercise } from "../spec/load-exercise.js";

export interface GradeCommandOptions {
  format: string;
  lang: Lang;
  buildNetwork: "default" | "none";
  write: (text: string) => void;
}

async function requireFolder(path: string): Promise<void> {
  const isDir = await stat(path).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new UsageError(`${path}: dossier de rendu introuvable / submission folder not found`);
}

/** `dockgrade grade <exercise> <submission>...`: returns the run and its exit code. */
export async function gradeCommand(exerciseDir: string, submissions: string[], options: GradeCommandOptions): Promise<{ run: RunResult; exitCode: 0 | 1 | 2 }> {
  const render = reporters[options.format];
  if (!render) throw new UsageError(`--format ${options.format}: unknown format (known: ${Object.keys(reporters).join(", ")})`);
  const exercise = await loadExercise(exerciseDir);
  for (const submission of submissions) await requireFolder(submission);
  const docker = createDockerClient();
  await requireEngine(docker);
  // CI can name the run (e.g. its job id) so that `dockgrade clean --run` finds its objects.
  const runId = process.env.DOCKGRADE_RUN_ID || newId();
  const run: RunResult = { results: [] };
  for (const submission of submissions) {
    run.results.push(await gradeSubmission(exercise, submission, { docker, runId, lang: options.lang, buildNetwork: options.buildNetwork }));
  }
  if (wasInterrupted()) throw new InterruptedError("interrupted: nothing reported");
  options.write(render(run, { lang: options.lang }));
  return { run, exitCode: runExitCode(run) };
}
