import type Docker from "dockerode";
import { engineAddress } from "./docker-client.js";

/**
 * Which engine a run talks to. The address alone does not say: `DOCKER_HOST` may name Podman's
 * Docker-compatible socket, or a proxy in front of the same engine. The engine's own ID (Engine
 * API /info, kept in its data root across restarts) and version do.
 */
export interface EngineIdentity {
  /** The address dockgrade used (`DOCKER_HOST`, or the default socket). */
  endpoint: string;
  /** /info ID; the endpoint when the engine gives none. */
  id: string;
  /** /version Version, with the product when it is not Docker (e.g. `Podman Engine 5.0.2`). */
  version: string;
}

export async function engineIdentity(docker: Docker): Promise<EngineIdentity> {
  // An engine that lacks one of them (some Docker-compatible ones) is still graded on.
  const [info, version] = await Promise.all([
    (docker.info() as Promise<{ ID?: string }>).catch(() => ({}) as { ID?: string }),
    (docker.version() as Promise<{ Version?: string; Components?: { Name?: string }[] }>).catch(
      () => ({}) as { Version?: string; Components?: { Name?: string }[] },
    ),
  ]);
  const product = version.Components?.[0]?.Name;
  const named = product && product !== "Engine" ? `${product} ${version.Version ?? "?"}` : (version.Version ?? "?");
  return { endpoint: engineAddress(), id: info.ID || engineAddress(), version: named };
}

/** Two identities name the same engine (whatever address reached it). */
export function sameEngine(a: Pick<EngineIdentity, "id">, b: Pick<EngineIdentity, "id">): boolean {
  return a.id === b.id;
}

/** The ids of the images named, `null` for those absent: a result graded on other bases is not reused. */
export async function baseImageIds(docker: Docker, refs: string[]): Promise<Record<string, string | null>> {
  const ids = await Promise.all(
    refs.map((ref) =>
      docker
        .getImage(ref)
        .inspect()
        .then(
          (image) => image.Id,
          () => null,
        ),
    ),
  );
  return Object.fromEntries(refs.map((ref, index) => [ref, ids[index]!]));
}
