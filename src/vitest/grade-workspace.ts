import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, it } from "vitest";
import { gradeSubmission } from "../grading/grade-submission.js";
import type { CheckResult, SubmissionResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { bundledExercisesDir } from "../package-root.js";
import { releaseBuildCache } from "../runtime/created-images.js";
import { createDockerClient, requireEngine } from "../runtime/docker-client.js";
import { newId } from "../runtime/labels.js";
import { loadExercise } from "../spec/load-exercise.js";

function failureMessage(check: CheckResult, lang: Lang): string {
  const words = lang === "fr" ? { expected: "attendu", actual: "obtenu", hint: "piste" } : { expected: "expected", actual: "actual", hint: "hint" };
  const lines = [check.message];
  if (check.expected !== undefined) lines.push(`${words.expected}: ${check.expected}`, `${words.actual}: ${check.actual ?? ""}`);
  if (check.hint) lines.push(`${words.hint}: ${check.hint}`);
  return lines.join("\n");
}

/**
 * The learner adapter: grades the workspace once and turns each check into a vitest test.
 * It holds no grading logic; the engine's result is only rendered.
 */
export async function gradeWorkspace(workspaceUrl: URL | string): Promise<void> {
  const workspace = typeof workspaceUrl === "string" ? workspaceUrl : fileURLToPath(workspaceUrl);
  const lang: Lang = process.env.DOCKGRADE_LANG === "en" ? "en" : "fr";
  const manifest = JSON.parse(await readFile(join(workspace, "package.json"), "utf8")) as { dockgrade?: { exercise?: string } };
  const reference = manifest.dockgrade?.exercise;
  if (!reference) throw new Error(`${join(workspace, "package.json")}: missing "dockgrade.exercise"`);
  const exercise = await loadExercise(isAbsolute(reference) ? reference : join(bundledExercisesDir(), reference));
  const visible = exercise.spec.checks.filter((check) => check.visibility === "visible");

  describe(`${exercise.spec.id} — ${exercise.spec.title[lang]}`, () => {
    let result: SubmissionResult;
    const docker = createDockerClient();
    afterAll(() => releaseBuildCache(docker));
    beforeAll(async () => {
      await requireEngine(docker);
      result = await gradeSubmission(exercise, workspace, { docker, runId: newId(), lang });
      if (result.build.status === "failed") console.error(`${lang === "fr" ? "Échec de la construction" : "Build failed"}:\n${result.build.logExcerpt.join("\n")}`);
    });
    for (const check of visible) {
      it(`${check.title[lang]} [${check.id}] (${check.points} pts)`, (context) => {
        const outcome = result.checks.find((candidate) => candidate.id === check.id)!;
        if (outcome.status === "skip") context.skip(outcome.message);
        if (outcome.status !== "pass") throw new Error(failureMessage(outcome, lang));
      });
    }
  });
}
