import { createDockerClient, requireEngine } from "../runtime/docker-client.js";
import { removeManagedObjects } from "../runtime/remove-managed.js";

/** `dockgrade clean`: removes whatever a killed run left behind (everything with dockgrade's label). */
export async function cleanCommand(write: (line: string) => void, runId?: string): Promise<number> {
  const docker = createDockerClient();
  await requireEngine(docker);
  const removed = await removeManagedObjects(docker, runId);
  write(`removed: ${removed.containers} container(s), ${removed.images} image(s), ${removed.networks} network(s), ${removed.volumes} volume(s)\n`);
  return 0;
}
