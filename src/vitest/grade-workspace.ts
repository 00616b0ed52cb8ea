// First: the engine client's unused gRPC and ssh2 stacks load on first use in the test worker too.
import "../runtime/deferred-modules-on-load.js";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, it } from "vitest";
import { gradeSubmission } from "../grading/grade-submission.js";
import type { SubmissionResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { checkFeedback } from "../report/check-feedback.js";
import { inLanguage } from "../report/run-view.js";
import { bundledExercisesDir } from "../package-root.js";
import { releaseBuildCache } from "../runtime/created-images.js";
import { createDockerClient, requireEngine } from "../runtime/docker-client.js";
import { newId } from "../runtime/labels.js";
import { loadExercise } from "../exercise/load-exercise.js";
import { UsageError } from "../errors.js";
import { readWorkspaceManifest } from "../workspace/workspace-files.js";

/** A failed check, as vitest shows it: the message alone, without a stack frame of dockgrade's code. */
function checkFailure(message: string): Error {
  const error = new Error(message);
  error.stack = `${error.name}: ${message}`;
  return error;
}

/**
 * The learner adapter: grades the workspace once and turns each check into a vitest test.
 * It holds no grading logic; the engine's result is only rendered.
 */
export async function gradeWorkspace(workspaceUrl: URL | string): Promise<void> {
  const workspace = typeof workspaceUrl === "string" ? workspaceUrl : fileURLToPath(workspaceUrl);
  const lang: Lang = process.env.DOCKGRADE_LANG === "en" ? "en" : "fr";
  const manifest = await readWorkspaceManifest(workspace);
  if (!manifest) throw new UsageError(`${join(workspace, "package.json")}: missing "dockgrade.exercise"`);
  const reference = manifest.exercise;
  const exercise = await loadExercise(isAbsolute(reference) ? reference : join(bundledExercisesDir(), reference));
  const visible = exercise.spec.checks.filter((check) => check.visibility === "visible");

  describe(`${exercise.spec.id} — ${exercise.spec.title[lang]}`, () => {
    let result: SubmissionResult;
    const docker = createDockerClient();
    afterAll(() => releaseBuildCache(docker));
    beforeAll(async () => {
      await requireEngine(docker);
      // Like `dockgrade grade`, DOCKGRADE_RUN_ID names the run, for `dockgrade clean --run`.
      result = await gradeSubmission(exercise, workspace, { docker, runId: process.env.DOCKGRADE_RUN_ID || newId() });
      if (result.build.status === "failed")
        console.error(
          `${lang === "fr" ? "Échec de la construction" : "Build failed"}:\n${result.build.logExcerpt.join("\n")}`,
        );
    });
    for (const check of visible) {
      it(`${check.title[lang]} [${check.id}] (${check.points} pts)`, (context) => {
        const [view] = inLanguage({ results: [result] }, lang).results;
        const outcome = view!.checks.find((candidate) => candidate.id === check.id)!;
        if (outcome.status === "skip") context.skip(outcome.message);
        if (outcome.status !== "pass") throw checkFailure(checkFeedback(outcome, lang));
      });
    }
  });
}
