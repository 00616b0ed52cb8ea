import type Docker from "dockerode";
import { removeOwnImage } from "./created-images.js";
import { LABEL_BUILD, LABEL_MANAGED, LABEL_RUN, runOfBuildLabel } from "./labels.js";

export interface ManagedObjects {
  containers: number;
  images: number;
  networks: number;
  volumes: number;
}

function managedFilter(runId?: string): { label: string[] } {
  return { label: [`${LABEL_MANAGED}=true`, ...(runId ? [`${LABEL_RUN}=${runId}`] : [])] };
}

/** Images dockgrade made: built ones carry the build label (`<run>/<session>`), the others the managed one. */
export async function listManagedImages(docker: Docker, runId?: string, options: { all: boolean } = { all: true }): Promise<Docker.ImageInfo[]> {
  const [labelled, built] = await Promise.all([
    docker.listImages({ all: options.all, filters: managedFilter(runId) }),
    docker.listImages({ all: options.all, filters: { label: [LABEL_BUILD] } }),
  ]);
  const builtInRun = built.filter((image) => !runId || runOfBuildLabel(image.Labels?.[LABEL_BUILD] ?? "") === runId);
  return [...new Map([...labelled, ...builtInRun].map((image) => [image.Id, image])).values()];
}

/** Counts objects carrying dockgrade's label, or one run's (the test suite asserts zero at the end). */
export async function countManagedObjects(docker: Docker, runId?: string): Promise<ManagedObjects> {
  const managed = managedFilter(runId);
  const [containers, images, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters: managed }),
    listManagedImages(docker, runId),
    docker.listNetworks({ filters: managed }),
    docker.listVolumes({ filters: managed }),
  ]);
  return { containers: containers.length, images: images.length, networks: networks.length, volumes: volumes.Volumes?.length ?? 0 };
}

/** Removes every object with dockgrade's label (or one run's), and the tags in dockgrade namespaces. */
export async function removeManagedObjects(docker: Docker, runId?: string): Promise<ManagedObjects> {
  const managed = managedFilter(runId);
  const quietly = (promise: Promise<unknown>) => promise.then(() => 1, () => 0);
  const containers = await docker.listContainers({ all: true, filters: managed });
  const removedContainers = await Promise.all(containers.map((c) => quietly(docker.getContainer(c.Id).remove({ force: true, v: true }))));
  const tagged = runId ? await listManagedImages(docker, runId, { all: false }) : await docker.listImages({ all: false });
  for (const image of tagged) {
    for (const tag of image.RepoTags ?? []) if (tag.startsWith("dockgrade-")) await quietly(docker.getImage(tag).remove({ noprune: true }));
  }
  const images = await listManagedImages(docker, runId);
  let removedImages = 0;
  // A killed run never released its build cache (the unlabelled steps below its images): it goes with them.
  for (const image of images) removedImages += (await removeOwnImage(docker, image.Id, "dockgrade-", { pruneParents: true })) ? 1 : 0;
  const networks = await docker.listNetworks({ filters: managed });
  const removedNetworks = await Promise.all(networks.map((n) => quietly(docker.getNetwork(n.Id).remove())));
  const volumes = (await docker.listVolumes({ filters: managed })).Volumes ?? [];
  const removedVolumes = await Promise.all(volumes.map((v) => quietly(docker.getVolume(v.Name).remove())));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return { containers: sum(removedContainers), images: removedImages, networks: sum(removedNetworks), volumes: sum(removedVolumes) };
}
