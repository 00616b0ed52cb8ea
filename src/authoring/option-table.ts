/** A JSON Schema node as z.toJSONSchema writes an option: only what the reference reads. */
export interface SchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
}

/** One option of a check kind, as the reference's table lists it. */
export interface OptionRow {
  /** `afterFailure.within`, `expect[].pattern` for nested fields. */
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  description: string;
}

/** zod writes the safe-integer range of every integer: a bound nobody wrote. */
const written = (bound: number | undefined) =>
  bound === undefined || Math.abs(bound) === Number.MAX_SAFE_INTEGER ? undefined : bound;

function bounds(node: SchemaNode): string {
  const parts: string[] = [];
  const [minimum, maximum] = [written(node.minimum), written(node.maximum)];
  if (node.exclusiveMinimum !== undefined) parts.push(`> ${node.exclusiveMinimum}`);
  if (minimum !== undefined && maximum !== undefined) return ` ${minimum}–${maximum}`;
  if (minimum !== undefined) parts.push(`≥ ${minimum}`);
  if (maximum !== undefined) parts.push(`≤ ${maximum}`);
  if (node.minLength === 1) parts.push("non-empty");
  if (node.minItems !== undefined && node.minItems > 0) parts.push(`at least ${node.minItems}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** The type of an option as an instructor writes it in YAML: `string[]`, `integer (≥ 0)`, `"a" | "b"`. */
export function typeOf(node: SchemaNode, withBounds = true): string {
  const own = withBounds ? bounds(node) : "";
  if (node.anyOf) return node.anyOf.map((option) => typeOf(option, withBounds)).join(" | ");
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (node.type === "array") {
    // An item's own bounds (a non-empty string) would only clutter the type.
    const item = node.items ? typeOf(node.items, false) : "any";
    return `${item.includes(" ") ? `(${item})` : item}[]${own}`;
  }
  if (node.type === "object" && node.properties) return `{ ${Object.keys(node.properties).join(", ")} }`;
  if (node.type === "object" && typeof node.additionalProperties === "object")
    return `map of string → ${typeOf(node.additionalProperties, false)}`;
  return `${node.type ?? "any"}${own}`;
}

/** Every option of an object schema, nested fields after their parent. */
export function optionRows(schema: SchemaNode, prefix = ""): OptionRow[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, node]) => {
    const name = `${prefix}${key}`;
    const described = node.description ?? node.items?.description ?? "";
    const row: OptionRow = {
      name,
      type: typeOf(node),
      required: (schema.required ?? []).includes(key),
      default: node.default,
      description: described,
    };
    const nested = node.properties
      ? optionRows(node, `${name}.`)
      : node.items?.properties
        ? optionRows(node.items, `${name}[].`)
        : [];
    return [row, ...nested];
  });
}
