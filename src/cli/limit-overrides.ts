import { UsageError } from "../errors.js";
import { limitsSchema, type Limits } from "../exercise/exercise-schema.js";

/** `--limit memoryMb=256` → { memoryMb: 256 }, checked against the spec's own limit schema. */
export function parseLimitOverrides(pairs: string[]): Partial<Limits> {
  const raw = Object.fromEntries(
    pairs.map((pair) => {
      const [name, value] = pair.split("=", 2);
      if (!name || value === undefined || !(name in limitsSchema.shape)) {
        throw new UsageError(
          `--limit ${pair}: expected name=value with name one of ${Object.keys(limitsSchema.shape).join(", ")}`,
        );
      }
      return [name, Number(value)];
    }),
  );
  const parsed = limitsSchema.partial().safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      `--limit: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  return Object.fromEntries(Object.entries(parsed.data).filter(([name]) => name in raw)) as Partial<Limits>;
}
