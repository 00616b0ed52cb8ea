import { randomBytes } from "node:crypto";

/** Every object dockgrade creates carries these labels, so that it can always be found and removed. */
export const LABEL_MANAGED = "io.dockgrade.managed";
export const LABEL_RUN = "io.dockgrade.run";
export const LABEL_SESSION = "io.dockgrade.session";
/**
 * The one label of the images a build makes, valued `<run>/<session>`. The classic builder adds
 * build labels as one LABEL step each, and each step commits a container (~0.15 s): four labels
 * made every build 0.45 s slower. The image from that step on belongs to one session only; the
 * steps before it are cache other sessions may be building on.
 */
export const LABEL_BUILD = "io.dockgrade.build";

export function newId(bytes = 5): string {
  return randomBytes(bytes).toString("hex");
}

export function objectLabels(runId: string, sessionId: string): Record<string, string> {
  return { [LABEL_MANAGED]: "true", [LABEL_RUN]: runId, [LABEL_SESSION]: sessionId };
}

/** The labels of a build: one step, naming the run and the session. */
export function buildLabels(runId: string, sessionId: string): Record<string, string> {
  return { [LABEL_BUILD]: `${runId}/${sessionId}` };
}

/** The run a build label names (`<run>/<session>`). */
export function runOfBuildLabel(value: string): string {
  return value.slice(0, value.lastIndexOf("/"));
}
