import type Docker from "dockerode";
import { setTimeout as sleep } from "node:timers/promises";
import { shortId, type LeftObject } from "./clean-outcome.js";

/** What the engine says when it cannot let go of a container's root filesystem. */
const HELD = /removal of container .* is already in progress|device or resource busy|failed to remove root filesystem/i;

const engineMessage = (error: unknown) =>
  ((error as { json?: { message?: string } }).json?.message ?? (error as Error).message ?? String(error)).trim();

/**
 * Removes a container (forced, with its anonymous volumes), trying again a few times over ~4 s:
 * after an engine restart a removal sometimes goes through on a later try. Resolves with the
 * container as left, in the engine's words, when it is still there; undefined when it is gone.
 */
export async function removeContainer(
  docker: Docker,
  id: string,
  delaysMs: number[] = [250, 750, 1500, 1500],
): Promise<LeftObject | undefined> {
  const container = docker.getContainer(id);
  let reason = "";
  for (let attempt = 0; attempt <= delaysMs.length; attempt += 1) {
    try {
      await container.remove({ force: true, v: true });
      return undefined;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      reason = engineMessage(error);
    }
    if (attempt < delaysMs.length) await sleep(delaysMs[attempt]!);
  }
  const info = await container.inspect().catch(() => undefined);
  if (!info) return undefined;
  const state = info.State as { Status?: string };
  return {
    kind: "container",
    id: shortId(info.Id),
    name: info.Name?.replace(/^\//, ""),
    runId: info.Config?.Labels?.["io.dockgrade.run"],
    reason,
    heldByEngine: HELD.test(reason) || state.Status === "removing" || state.Status === "dead",
    mergedDir: (info.GraphDriver?.Data as { MergedDir?: string } | undefined)?.MergedDir,
  };
}
