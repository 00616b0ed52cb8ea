import type Docker from "dockerode";
import { BuildStepReader } from "./build-step-reader.js";

export interface CreatedImages {
  /** Made from the first dockgrade LABEL step on: this session's alone. */
  own: string[];
  /** Made before it: build cache that another session's build may be using right now. */
  shared: string[];
}

function readLog(log: string[]): BuildStepReader {
  const reader = new BuildStepReader();
  for (const line of log) reader.line(line);
  return reader;
}

/** The images a classic-builder build created, read from its log (see BuildStepReader). */
export function createdImageIds(log: string[]): CreatedImages {
  return readLog(log).created;
}

/**
 * The image the last stage was really built from: the id the classic builder prints after the
 * last FROM step, with build arguments and stage names already resolved by the builder.
 */
export function finalBaseImageId(log: string[]): string | undefined {
  return readLog(log).baseImageId;
}

/** Images whose removal was refused because another session's image was built on them. */
const blocked = new Map<string, string>();

/**
 * Removes an image only when every name it carries is in `namespace` (or it has none): whatever
 * happens, dockgrade never deletes an image someone else named, such as a base image. When
 * another session's build used it as cache, removal waits for `retryBlockedRemovals`. With
 * `pruneParents`, the engine also removes the untagged steps below it that nothing else rests on.
 */
export async function removeOwnImage(
  docker: Docker,
  id: string,
  namespace: string,
  options: { pruneParents?: boolean } = {},
): Promise<boolean> {
  const info = await docker
    .getImage(id)
    .inspect()
    .catch(() => undefined);
  if (!info) {
    blocked.delete(id);
    return false;
  }
  if ((info.RepoTags ?? []).some((tag) => !tag.startsWith(namespace))) return false;
  try {
    await docker.getImage(info.Id).remove({ force: true, noprune: !options.pruneParents });
    blocked.delete(id);
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 409) blocked.set(id, namespace);
    return false;
  }
}

/** Build cache made by this process's sessions, removed when the whole run ends. */
const sharedCache = new Set<string>();

export function keepUntilRunEnds(ids: string[]): void {
  ids.forEach((id) => sharedCache.add(id));
}

/**
 * Removes the build cache this process's builds made, once no session of the run needs it;
 * an image another build now rests on (a child) stays: it is cache the engine will reuse.
 */
export async function releaseBuildCache(docker: Docker): Promise<number> {
  let removed = 0;
  let progress = true;
  while (progress && sharedCache.size > 0) {
    progress = false;
    for (const id of [...sharedCache].reverse()) {
      const gone = await docker
        .getImage(id)
        .remove({ noprune: true })
        .then(
          () => true,
          (error: { statusCode?: number }) => error.statusCode === 404,
        );
      if (gone) {
        sharedCache.delete(id);
        removed += 1;
        progress = true;
      }
    }
  }
  sharedCache.clear();
  return removed;
}

/** Retries the removals other sessions' images blocked, until nothing more can go. */
export async function retryBlockedRemovals(docker: Docker): Promise<void> {
  let progress = true;
  while (progress && blocked.size > 0) {
    progress = false;
    for (const [id, namespace] of [...blocked]) if (await removeOwnImage(docker, id, namespace)) progress = true;
  }
}
