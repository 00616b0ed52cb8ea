import type { Limits } from "../exercise/exercise-schema.js";
import type { StartRequest } from "./sandboxed-container.js";

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

/** How the submission's container is started under the plan's limits: the image, its name and labels aside. */
export function containerRequest(
  plan: RuntimePlan,
  image: string,
  name: string,
  labels: Record<string, string>,
): StartRequest {
  const { limits } = plan;
  return {
    image,
    name,
    labels,
    limits: { memoryBytes: limits.memoryMb * 1024 * 1024, cpus: limits.cpus, pids: limits.pids },
    ports: plan.container.ports,
    env: plan.container.env,
    network: plan.container.network,
    startupTimeoutMs: limits.startSeconds * 1000,
  };
}
