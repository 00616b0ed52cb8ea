import type Docker from "dockerode";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { countManagedObjects } from "../src/runtime/remove-managed.js";

export interface Leftovers {
  /** Objects with dockgrade's labels, by kind. */
  labelled: number;
  /** Containers created since the soak began, labelled or not (a build's step container is not). */
  containers: number;
  /** Images created since the soak began that no one names (build steps nothing removed). */
  danglingImages: number;
  /** Run journals still on disk (a run that left nothing deletes its own). */
  journals: number;
  total: number;
}

/** Everything the soak's runs could have left, counted from the engine and the state folder. */
export async function countLeftovers(docker: Docker, sinceSeconds: number, stateDir: string): Promise<Leftovers> {
  const managed = await countManagedObjects(docker);
  const labelled = managed.containers + managed.images + managed.networks + managed.volumes;
  const containers = (await docker.listContainers({ all: true })).filter((c) => c.Created >= sinceSeconds).length;
  const danglingImages = (await docker.listImages({ all: true })).filter(
    (image) =>
      image.Created >= sinceSeconds &&
      (image.RepoTags ?? []).every((tag) => tag === "<none>:<none>" || tag.startsWith("dockgrade-")),
  ).length;
  const journals = (await readdir(join(stateDir, "runs")).catch(() => [] as string[])).filter((name) =>
    name.endsWith(".jsonl"),
  ).length;
  return { labelled, containers, danglingImages, journals, total: labelled + containers + danglingImages + journals };
}
