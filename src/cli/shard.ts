import { UsageError } from "../errors.js";

export interface Shard {
  index: number;
  count: number;
}

/** `--shard 2/5` → the second of five slices (1-based, as CI matrices count). */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard ${value}: expected i/n with 1 <= i <= n, e.g. 1/4`);
  return { index, count };
}

/** A deterministic slice of the (sorted) submissions: every n-th, starting at the i-th. */
export function takeShard<T>(items: T[], shard: Shard | undefined): T[] {
  return shard ? items.filter((_, position) => position % shard.count === shard.index - 1) : items;
}
