/** Human sizes as `docker images` prints them (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Keeps a `docker history` instruction readable: drops the `/bin/sh -c #(nop)` noise. */
export function shortInstruction(createdBy: string, width = 70): string {
  const cleaned = createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, "")
    .replace(/^\/bin\/sh -c /, "RUN ")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.length > width ? `${cleaned.slice(0, width - 1)}…` : cleaned;
}
