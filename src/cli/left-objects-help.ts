import type { CleanOutcome, LeftObject } from "../runtime/clean-outcome.js";

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? "s" : ""}`;

function describe(object: LeftObject): string[] {
  const name = object.name ? `${object.name} (${object.id})` : object.id;
  const run = object.runId ? `, run ${object.runId}` : "";
  const lines = [`  ${object.kind} ${name}${run}: ${object.reason}`];
  if (object.mergedDir) lines.push(`    montage / mount: ${object.mergedDir}`);
  return lines;
}

/** The layer folder of an overlay mount (`.../overlay2/<layer>/merged`): what to look for in /proc/*\/mountinfo. */
const layerOf = (mergedDir: string) => /\/([^/]+)\/merged$/.exec(mergedDir)?.[1];

/**
 * What a clean-up could not remove, and what to do, in French and English. A container the engine
 * itself holds (stuck in removal after the engine died, its root filesystem still mounted) is not
 * dockgrade's to free: the remedy is the engine's (later, a restart, or the mount as root).
 */
export function leftObjectsHelp(outcome: CleanOutcome, runId?: string): string {
  const lines: string[] = [];
  const clean = `dockgrade clean${runId ? ` --run ${runId}` : ""}`;
  const held = outcome.left.filter((object) => object.heldByEngine);
  const other = outcome.left.filter((object) => !object.heldByEngine);
  if (held.length > 0) {
    const layer = held.map((object) => object.mergedDir && layerOf(object.mergedDir)).find(Boolean);
    lines.push(
      `Le moteur Docker retient ${plural(held.length, "conteneur")} qu'il n'arrive pas à supprimer / The Docker engine holds ${plural(held.length, "container")} it cannot remove:`,
      ...held.flatMap(describe),
      "Leur système de fichiers est encore monté depuis l'arrêt brutal du moteur : ce n'est pas dockgrade qui les retient.",
      "Their root filesystem is still mounted since the engine died: dockgrade is not what holds them.",
      `  1. réessayer dans une minute / try again in a minute:   ${clean}`,
      "  2. redémarrer le moteur (il finit les suppressions interrompues) / restart the engine (it completes interrupted removals):",
      "       sudo systemctl restart docker   (ou / or: dockgrade doctor --fix; Docker Desktop: Restart), then / puis: " +
        clean,
      "  3. en root, trouver ce qui retient le montage et le libérer / as root, find what holds the mount and release it:",
      `       grep -l ${layer ?? "<layer>"} /proc/*/mountinfo   then / puis: umount <mount>; ${clean}`,
    );
  }
  if (other.length > 0) {
    lines.push(
      `${plural(other.length, "objet")} non supprimé${other.length > 1 ? "s" : ""} / ${plural(other.length, "object")} could not be removed:`,
      ...other.flatMap(describe),
      `Réessayer / try again: ${clean}`,
    );
  }
  if (outcome.kept.length > 0) {
    const ids = outcome.kept.map((object) => object.id).join(", ");
    lines.push(
      `${plural(outcome.kept.length, "image")} de cache de dockgrade laissée${outcome.kept.length > 1 ? "s" : ""} : quelqu'un d'autre l'a nommée ou a construit dessus / ${plural(outcome.kept.length, "dockgrade cache image")} kept: someone else named or built on it (${ids})`,
    );
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

export function removedSummary(outcome: CleanOutcome): string {
  const { removed } = outcome;
  return `removed: ${removed.containers} container(s), ${removed.images} image(s), ${removed.networks} network(s), ${removed.volumes} volume(s)\n`;
}
