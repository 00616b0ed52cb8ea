import type Docker from "dockerode";
import { setTimeout as sleep } from "node:timers/promises";
import { removeOwnImage, retryBlockedRemovals } from "./created-images.js";
import { LABEL_BUILD, LABEL_SESSION } from "./labels.js";

export interface SessionObjects {
  sessionId: string;
  /** Images the session's builds reported creating, oldest first. */
  createdImageIds: string[];
}


/** Containers with the session's label; an aborted build's own container goes a moment later. */
async function removeContainers(docker: Docker, filter: { label: string[] }): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const containers = await docker.listContainers({ all: true, filters: filter }).catch(() => []);
    if (containers.length === 0) return;
    await Promise.allSettled(containers.map((info) => docker.getContainer(info.Id).remove({ force: true, v: true })));
    await sleep(250);
  }
}

/**
 * The classic builder applies build labels as one LABEL step each, so a build stopped between
 * two of them leaves an image carrying only the first: the session's build label.
 */
async function removePartlyLabelledImages(docker: Docker, objects: SessionObjects, namespace: string): Promise<void> {
  const filters = { label: [`${LABEL_BUILD}=${objects.sessionId}`] };
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
  for (const tag of ownTags) await docker.getImage(tag).remove({ noprune: true }).catch(() => undefined);
  const labelled = await docker.listImages({ all: true, filters: sessionFilter }).catch(() => []);
  for (const id of [...labelled.map((image) => image.Id), ...[...objects.createdImageIds].reverse()]) await removeOwnImage(docker, id, namespace);
  await removePartlyLabelledImages(docker, objects, namespace);
  await retryBlockedRemovals(docker);
}
