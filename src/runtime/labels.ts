import { randomBytes } from "node:crypto";

/** Every object dockgrade creates carries these labels, so that it can always be found and removed. */
export const LABEL_MANAGED = "io.dockgrade.managed";
export const LABEL_RUN = "io.dockgrade.run";
export const LABEL_SESSION = "io.dockgrade.session";
/**
 * The classic builder adds build labels as one LABEL step each, in key order. This key sorts
 * first and its value is the session's, so every image from the first LABEL step on belongs to
 * one session only; the steps before it are cache other sessions may be building on.
 */
export const LABEL_BUILD = "io.dockgrade.build";

export function newId(bytes = 5): string {
  return randomBytes(bytes).toString("hex");
}

export function objectLabels(runId: string, sessionId: string): Record<string, string> {
  return { [LABEL_BUILD]: sessionId, [LABEL_MANAGED]: "true", [LABEL_RUN]: runId, [LABEL_SESSION]: sessionId };
}
