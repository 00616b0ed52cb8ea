import type { Limits } from "../exercise/exercise-schema.js";

/**
 * What the runtime needs to know of one submission: where it is, what to build, how to run it,
 * which learner commands to run, and within which limits. Nothing of the checks: grading decides
 * what to ask of the runtime.
 */
export interface RuntimePlan {
  runId: string;
  submissionDir: string;
  build: {
    /** Dockerfile path, relative to the submission. */
    dockerfile: string;
    /** Build context, relative to the submission. */
    context: string;
    /** The learner's name for the image (`mon-app:v1`), isolated per submission. */
    tag?: string;
    /** Network for RUN steps. */
    network: "default" | "none";
  };
  container: {
    ports: number[];
    env: Record<string, string>;
    network: boolean;
    /** The learner's name for the container (`web`), isolated per submission. */
    name?: string;
  };
  /** The learner's file of docker command lines, when the exercise has one. */
  commandFile?: string;
  limits: Limits;
}
