import type Docker from "dockerode";
import { removeOwnImage } from "../../src/runtime/created-images.js";
import { createDockerClient, engineUnavailableHelp, probeEngine } from "../../src/runtime/docker-client.js";
import { LABEL_MANAGED } from "../../src/runtime/labels.js";
import { listManagedImages } from "../../src/runtime/remove-managed.js";

const managed = { label: [`${LABEL_MANAGED}=true`] };

/** Ids of every object with dockgrade's label, by kind. */
async function managedIds(docker: Docker): Promise<Record<"containers" | "images" | "networks" | "volumes", string[]>> {
  const [containers, images, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters: managed }),
    listManagedImages(docker),
    docker.listNetworks({ filters: managed }),
    docker.listVolumes({ filters: managed }),
  ]);
  return {
    containers: containers.map((c) => c.Id),
    images: images.map((i) => i.Id),
    networks: networks.map((n) => n.Id),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name),
  };
}

/**
 * Build-cache images the suite's builds made and no session could remove: a build in one test
 * process reused another process's intermediate image, so neither owns it.
 */
async function removeDanglingSince(docker: Docker, since: number): Promise<void> {
  // Each pass frees the parents of what it removed: go on while it removes something.
  for (;;) {
    const dangling = await docker.listImages({ all: false, filters: { dangling: ["true"] } });
    const recent = dangling.filter((image) => image.Created >= since);
    const removed = await Promise.allSettled(
      recent.map((image) => docker.getImage(image.Id).remove({ noprune: true })),
    );
    if (!removed.some((outcome) => outcome.status === "fulfilled")) return;
  }
}

/**
 * Engine tests need a real engine; at the end, no object with dockgrade's label may be left
 * that was not there before (objects of another run on the same engine are not touched).
 */
export async function setup(): Promise<() => Promise<void>> {
  const docker = createDockerClient();
  if (!(await probeEngine(docker))) throw new Error(engineUnavailableHelp());
  const before = await managedIds(docker);
  const startedAt = Math.floor(Date.now() / 1000);
  return async () => {
    await removeDanglingSince(docker, startedAt);
    const after = await managedIds(docker);
    const left = Object.fromEntries(
      Object.entries(after).map(([kind, ids]) => [
        kind,
        ids.filter((id) => !before[kind as keyof typeof before].includes(id)),
      ]),
    ) as typeof after;
    const count = Object.values(left).flat().length;
    if (count === 0) return;
    await Promise.allSettled(left.containers.map((id) => docker.getContainer(id).remove({ force: true, v: true })));
    await Promise.allSettled(left.images.map((id) => removeOwnImage(docker, id, "dockgrade-")));
    throw new Error(`objects with dockgrade's label left on the engine by the tests: ${JSON.stringify(left)}`);
  };
}
