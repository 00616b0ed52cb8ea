export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function spread(values: number[]): Spread {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

/** Rounds every number of a plain object tree (for readable JSON). */
export function rounded<T>(value: T, digits = 0): T {
  const factor = 10 ** digits;
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) =>
      typeof item === "number" ? Math.round(item * factor) / factor : item,
    ),
  ) as T;
}
