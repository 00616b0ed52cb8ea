import type Docker from "dockerode";
import { emptyOutcome, type CleanOutcome, type ManagedObjects } from "./clean-outcome.js";
import { removeContainer } from "./container-removal.js";
import { removeOwnImage } from "./created-images.js";
import { LABEL_BUILD, LABEL_MANAGED, LABEL_RUN, runOfBuildLabel } from "./labels.js";

export type { ManagedObjects } from "./clean-outcome.js";

function managedFilter(runId?: string): { label: string[] } {
  return { label: [`${LABEL_MANAGED}=true`, ...(runId ? [`${LABEL_RUN}=${runId}`] : [])] };
}

/** Images dockgrade made: built ones carry the build label (`<run>/<session>`), the others the managed one. */
export async function listManagedImages(
  docker: Docker,
  runId?: string,
  options: { all: boolean } = { all: true },
): Promise<Docker.ImageInfo[]> {
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
  return {
    containers: containers.length,
    images: images.length,
    networks: networks.length,
    volumes: volumes.Volumes?.length ?? 0,
  };
}

/** The run an object's labels name. */
const runOf = (labels: Record<string, string> | undefined) =>
  labels?.[LABEL_RUN] ?? runOfBuildLabel(labels?.[LABEL_BUILD] ?? "/");

/** Runs still under way, left alone by a clean-up: their labels' run ids and their sessions' name prefixes. */
export interface SparedRuns {
  runIds: Set<string>;
  namespaces: string[];
}

/**
 * Removes every object with dockgrade's label (or one run's), and the tags in dockgrade
 * namespaces; `spared` runs (still under way) are left alone. Says what it could not remove.
 */
export async function cleanManagedObjects(
  docker: Docker,
  runId?: string,
  spared: SparedRuns = { runIds: new Set(), namespaces: [] },
): Promise<CleanOutcome> {
  const outcome = emptyOutcome();
  const managed = managedFilter(runId);
  const quietly = (promise: Promise<unknown>) =>
    promise.then(
      () => 1,
      () => 0,
    );
  const sparedRun = (labels: Record<string, string> | undefined) => spared.runIds.has(runOf(labels));
  const containers = (await docker.listContainers({ all: true, filters: managed })).filter((c) => !sparedRun(c.Labels));
  const stuck = await Promise.all(containers.map((c) => removeContainer(docker, c.Id)));
  outcome.removed.containers = stuck.filter((left) => !left).length;
  outcome.left.push(...stuck.flatMap((left) => (left ? [left] : [])));
  // Images before tags: untagging a built image first would delete it alone and strand the
  // unlabelled build cache below it, which nothing names any more.
  const images = (await listManagedImages(docker, runId)).filter((image) => !sparedRun(image.Labels));
  // A killed run never released its build cache (the unlabelled steps below its images): it goes with them.
  for (const image of images)
    outcome.removed.images += (await removeOwnImage(docker, image.Id, "dockgrade-", { pruneParents: true })) ? 1 : 0;
  const tagged = (
    runId ? await listManagedImages(docker, runId, { all: false }) : await docker.listImages({ all: false })
  ).filter((image) => !sparedRun(image.Labels));
  const ours = (tag: string) => tag.startsWith("dockgrade-") && !spared.namespaces.some((ns) => tag.startsWith(ns));
  for (const image of tagged) {
    for (const tag of (image.RepoTags ?? []).filter(ours))
      await quietly(docker.getImage(tag).remove({ noprune: true }));
  }
  const networks = (await docker.listNetworks({ filters: managed })).filter((n) => !sparedRun(n.Labels));
  outcome.removed.networks = (await Promise.all(networks.map((n) => quietly(docker.getNetwork(n.Id).remove())))).reduce(
    (a, b) => a + b,
    0,
  );
  const volumes = ((await docker.listVolumes({ filters: managed })).Volumes ?? []).filter((v) => !sparedRun(v.Labels));
  outcome.removed.volumes = (await Promise.all(volumes.map((v) => quietly(docker.getVolume(v.Name).remove())))).reduce(
    (a, b) => a + b,
    0,
  );
  return outcome;
}

/** Removes every object with dockgrade's label (or one run's); the counts of what it removed. */
export async function removeManagedObjects(docker: Docker, runId?: string): Promise<ManagedObjects> {
  return (await cleanManagedObjects(docker, runId)).removed;
}
