import type Docker from "dockerode";
import { setTimeout as sleep } from "node:timers/promises";
import { removeOwnImage, retryBlockedRemovals } from "./created-images.js";
import { buildLabels, LABEL_SESSION } from "./labels.js";

export interface SessionObjects {
  runId: string;
  sessionId: string;
}
/** Containers with the session's label; an aborted build's own container goes a moment later. */
async function removeContainers(docker: Docker, filter: { label: string[] }): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const containers = await docker.listContainers({ all: true, filters: filter }).catch(() => []);
    if (containers.length === 0) return;
    await Promise.allSettled(containers.map((info) => docker.getContainer(info.Id).remove({ force: true, v: true })));
    // Look again at once: only a container that is still there is worth waiting for.
    if (attempt > 0) await sleep(250);
  }
}

/** Images with the session's build label, also those of a build stopped before it reported them. */
async function removeBuiltImages(docker: Docker, objects: SessionObjects, namespace: string): Promise<void> {
  const filters = {
    label: Object.entries(buildLabels(objects.runId, objects.sessionId)).map(([key, value]) => `${key}=${value}`),
  };
  const images = await docker.listImages({ all: true, filters }).catch(() => []);
  for (const image of images) await removeOwnImage(docker, image.Id, namespace);
}

/**
 * Removes what one submission's grading created: its containers, the tags in its namespace and
 * the images its builds made. Images someone else named (a base image) are never touched.
 */
export async function removeSessionObjects(docker: Docker, objects: SessionObjects): Promise<void> {
  const namespace = `dockgrade-${objects.sessionId}`;
  const sessionFilter = { label: [`${LABEL_SESSION}=${objects.sessionId}`] };
  await removeContainers(docker, sessionFilter);
  const images = await docker.listImages({ all: false }).catch(() => []);
  const ownTags = images.flatMap((image) => (image.RepoTags ?? []).filter((tag) => tag.startsWith(namespace)));
  for (const tag of ownTags)
    await docker
      .getImage(tag)
      .remove({ noprune: true })
      .catch(() => undefined);
  const labelled = await docker.listImages({ all: true, filters: sessionFilter }).catch(() => []);
  for (const image of labelled) await removeOwnImage(docker, image.Id, namespace);
  await removeBuiltImages(docker, objects, namespace);
  await retryBlockedRemovals(docker);
}
