import type Docker from "dockerode";

/**
 * Ids of the images a classic-builder build created, read from its log. The ` ---> <id>` after
 * a FROM step is the base image and the one after ` ---> Using cache` existed before: neither is
 * ours to remove.
 */
export function createdImageIds(log: string[]): string[] {
  const created: string[] = [];
  let stepIsFrom = false;
  let previous = "";
  for (const line of log) {
    const step = /^Step \d+\/\d+ : (\w+)/.exec(line);
    if (step) stepIsFrom = step[1]!.toUpperCase() === "FROM";
    const id = /^ ---> ([0-9a-f]{12})$/.exec(line)?.[1];
    if (id && !stepIsFrom && previous !== " ---> Using cache") created.push(id);
    previous = line;
  }
  return created;
}

/** Images whose removal was refused because another session's image was built on them. */
const blocked = new Map<string, string>();

/**
 * Removes an image only when every name it carries is in `namespace` (or it has none): whatever
 * happens, dockgrade never deletes an image someone else named, such as a base image. When
 * another session's build used it as cache, removal waits for `retryBlockedRemovals`.
 */
export async function removeOwnImage(docker: Docker, id: string, namespace: string): Promise<boolean> {
  const info = await docker.getImage(id).inspect().catch(() => undefined);
  if (!info) {
    blocked.delete(id);
    return false;
  }
  if ((info.RepoTags ?? []).some((tag) => !tag.startsWith(namespace))) return false;
  try {
    await docker.getImage(info.Id).remove({ force: true, noprune: true });
    blocked.delete(id);
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 409) blocked.set(id, namespace);
    return false;
  }
}

/** Retries the removals other sessions' images blocked, until nothing more can go. */
export async function retryBlockedRemovals(docker: Docker): Promise<void> {
  let progress = true;
  while (progress && blocked.size > 0) {
    progress = false;
    for (const [id, namespace] of [...blocked]) if (await removeOwnImage(docker, id, namespace)) progress = true;
  }
}
