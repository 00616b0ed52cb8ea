/** Counts of objects, by kind. */
export interface ManagedObjects {
  containers: number;
  images: number;
  networks: number;
  volumes: number;
}

/** An object dockgrade made that is still on the engine after a clean-up. */
export interface LeftObject {
  kind: "container" | "image";
  /** Short id (12 hex digits). */
  id: string;
  name?: string;
  runId?: string;
  /** Why it is still there, in the engine's own words. */
  reason: string;
  /**
   * The engine itself holds it: a container stuck in "Removal In Progress" or "Dead" whose root
   * filesystem is still mounted after the engine's death. Retrying from dockgrade does not help.
   */
  heldByEngine: boolean;
  /** The container's overlay mount, when the engine reports it: what holds it is what to free. */
  mergedDir?: string;
}

/** What a clean-up did: what it removed, what it could not, and what is no longer dockgrade's to remove. */
export interface CleanOutcome {
  removed: ManagedObjects;
  left: LeftObject[];
  /** dockgrade's build cache that someone else's image now rests on (or names): left alone, on purpose. */
  kept: LeftObject[];
}

export function emptyOutcome(): CleanOutcome {
  return { removed: { containers: 0, images: 0, networks: 0, volumes: 0 }, left: [], kept: [] };
}

export function addOutcome(total: CleanOutcome, part: CleanOutcome): CleanOutcome {
  for (const kind of ["containers", "images", "networks", "volumes"] as const)
    total.removed[kind] += part.removed[kind];
  const seen = new Set(total.left.map((object) => object.id));
  total.left.push(...part.left.filter((object) => !seen.has(object.id)));
  total.kept.push(...part.kept);
  return total;
}

export const shortId = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);
