import type Docker from "dockerode";
import { createRequire } from "node:module";
import { EngineUnavailableError } from "../errors.js";
import { deferUnusedEngineClientModules } from "./deferred-modules.js";

const requireModule = createRequire(import.meta.url);

// Ryuk (testcontainers' reaper) is an image that must be pulled; dockgrade removes what it
// creates itself, so it does without unless the user asks for it.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";

export function engineAddress(): string {
  return process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
}

/**
 * dockerode loads when the first client is made, not when this module is imported: `grade` shows
 * the Dockerfile's verdicts first, and the hooks that keep dockerode's unused dependencies from
 * loading are registered only now.
 */
export function createDockerClient(): Docker {
  deferUnusedEngineClientModules();
  const Dockerode = requireModule("dockerode") as typeof Docker;
  return new Dockerode();
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
}

/** Resolves with the engine's version when it answers within `timeoutMs`, undefined otherwise. */
export async function probeEngine(docker: Docker, timeoutMs = 3000): Promise<EngineVersion | undefined> {
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs).unref());
  const answer = docker
    .version()
    .then((version) => ({
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: `${version.Os}/${version.Arch}`,
    }))
    .catch(() => undefined);
  return Promise.race([answer, timeout]);
}

export function engineUnavailableHelp(): string {
  return [
    `Aucun moteur Docker ne répond à ${engineAddress()}. / No Docker engine answers at ${engineAddress()}.`,
    "  Linux (root, apt): dockgrade doctor --fix   (installs docker.io if needed and starts dockerd)",
    "  Linux (systemd):   sudo systemctl start docker",
    "  macOS / Windows:   start Docker Desktop",
    "  Remote engine:     export DOCKER_HOST=tcp://host:2375",
  ].join("\n");
}

/** What to say when the engine stopped answering during a run: objects may be left, and how to remove them. */
export function engineLostHelp(runId: string): string {
  return [
    `Le moteur Docker ne répond plus à ${engineAddress()} : les vérifications en cours n'ont pas pu aboutir (statut « error »).`,
    `The Docker engine stopped answering at ${engineAddress()}: the checks under way could not complete (status "error").`,
    `Quand il répondra de nouveau / once it answers again:  dockgrade clean --run ${runId}`,
  ].join("\n");
}

export async function requireEngine(docker: Docker): Promise<EngineVersion> {
  const version = await probeEngine(docker);
  if (!version) throw new EngineUnavailableError(engineUnavailableHelp());
  return version;
}
