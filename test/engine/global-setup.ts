import { createDockerClient, engineUnavailableHelp, probeEngine } from "../../src/runtime/docker-client.js";
import { countManagedObjects, removeManagedObjects } from "../../src/runtime/remove-managed.js";

/**
 * Build-cache images the suite's builds made and no session could remove: a build in one test
 * process reused another's intermediate image, so neither owns it (see README, clean-up).
 */
async function removeDanglingSince(docker: ReturnType<typeof createDockerClient>, since: number): Promise<void> {
  for (let pass = 0; pass < 5; pass += 1) {
    const dangling = await docker.listImages({ all: false, filters: { dangling: ["true"] } });
    const recent = dangling.filter((image) => image.Created >= since);
    if (recent.length === 0) return;
    await Promise.allSettled(recent.map((image) => docker.getImage(image.Id).remove({ noprune: true })));
  }
}

/** Engine tests need a real engine; at the end, nothing with dockgrade's label may remain. */
export async function setup(): Promise<() => Promise<void>> {
  const docker = createDockerClient();
  if (!(await probeEngine(docker))) throw new Error(engineUnavailableHelp());
  await removeManagedObjects(docker);
  const startedAt = Math.floor(Date.now() / 1000);
  return async () => {
    await removeDanglingSince(docker, startedAt);
    const left = await countManagedObjects(docker);
    const total = left.containers + left.images + left.networks + left.volumes;
    if (total > 0) {
      await removeManagedObjects(docker);
      throw new Error(`objects with dockgrade's label left on the engine after the tests: ${JSON.stringify(left)}`);
    }
  };
}
