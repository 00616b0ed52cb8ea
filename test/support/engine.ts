import { createDockerClient } from "../../src/runtime/docker-client.js";
import { newId } from "../../src/runtime/labels.js";

export const docker = createDockerClient();
export const runId = `test-${newId(3)}`;
