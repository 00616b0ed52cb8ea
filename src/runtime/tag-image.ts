import type Docker from "dockerode";
import { NameIsolation } from "./name-isolation.js";

/** Gives an image one more name (`repo:tag`; no tag means latest). */
export async function tagImage(docker: Docker, imageId: string, ref: string): Promise<void> {
  const { repository, suffix } = NameIsolation.split(ref);
  await docker.getImage(imageId).tag({ repo: repository, tag: suffix.replace(/^:/, "") || "latest" });
}
