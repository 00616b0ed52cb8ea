import { randomBytes } from "node:crypto";

/** Every object dockgrade creates carries these labels, so that it can always be found and removed. */
export const LABEL_MANAGED = "io.dockgrade.managed";
export const LABEL_RUN = "io.dockgrade.run";
export const LABEL_SESSION = "io.dockgrade.session";

export function newId(bytes = 5): string {
  return randomBytes(bytes).toString("hex");
}

export function objectLabels(runId: string, sessionId: string): Record<string, string> {
  return { [LABEL_MANAGED]: "true", [LABEL_RUN]: runId, [LABEL_SESSION]: sessionId };
}
