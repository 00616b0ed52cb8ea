import { resolve } from "node:path";
import { graderFor } from "../../graders/index.js";
import { readDockerfile, type DockerfileState } from "../dockerfile/read-dockerfile.js";
import type { Lang } from "../i18n.js";
import type { Exercise } from "../spec/exercise-schema.js";
import { CheckSkipped, type DockerfileModel, type GradingContext } from "./context.js";
import type { CheckResult } from "./result.js";
import { runCheck } from "./run-check.js";

/** A context with the Dockerfile and nothing of the engine: what checks of the Dockerfile need. */
class DockerfileOnlyContext implements GradingContext {
  constructor(
    readonly submissionDir: string,
    private readonly state: DockerfileState,
  ) {}

  dockerfile(): DockerfileModel {
    if ("problem" in this.state) throw new CheckSkipped(this.state.problem);
    return this.state.model;
  }

  private engineNeeded(): never {
    throw new Error("a check of the Dockerfile asked for the engine");
  }

  image = async () => this.engineNeeded();
  baseImage = async () => this.engineNeeded();
  findImage = async () => this.engineNeeded();
  commandRuns = async () => this.engineNeeded();
  container = async () => this.engineNeeded();
  lookupImage = async () => this.engineNeeded();
  imageFile = async () => this.engineNeeded();
  imageLayerFiles = async () => this.engineNeeded();
  rebuildAfterChange = async () => this.engineNeeded();
  runLearnerCommand = async () => this.engineNeeded();
  readSubmissionFile = async () => this.engineNeeded();
}

/**
 * The checks that read only the Dockerfile, run before anything loads the engine's client: the
 * first feedback a learner gets, in a fraction of a second. Grading runs them again, identically.
 */
export async function runStaticChecks(exercise: Exercise, submissionDir: string, lang: Lang): Promise<CheckResult[]> {
  const checks = exercise.checks.filter((check) => graderFor(check.kind)!.needs === "dockerfile");
  if (checks.length === 0) return [];
  const dir = resolve(submissionDir);
  const state = await readDockerfile(resolve(dir, exercise.build.dockerfile), exercise.build.dockerfile);
  const context = new DockerfileOnlyContext(dir, state);
  return Promise.all(checks.map((check) => runCheck(check, context, lang, exercise.limits.checkSeconds * 1000)));
}
