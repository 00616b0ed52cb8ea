import { basename, dirname, resolve } from "node:path";
import { Document, isMap, isSeq, type YAMLMap } from "yaml";
import { exerciseSchema } from "../../exercise/exercise-schema.js";
import type { ConversionItem } from "./conversion.js";

/** A check id from a test's name: lowercase ASCII words joined by dashes, unique in the exercise. */
export function checkIds(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const slug =
      name
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 48)
        .replace(/-+$/, "") || "check";
    const count = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, count);
    return count === 1 ? slug : `${slug}-${count}`;
  });
}

/** `<chapter>/<exercise>` from the target folder, e.g. `cours/07-images-testees`. */
export function exerciseId(targetDir: string): string {
  const clean = (part: string) => part.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "imported";
  const absolute = resolve(targetDir);
  return `${clean(basename(dirname(absolute)))}/${clean(basename(absolute))}`;
}

export interface ExerciseDraft {
  /** The converted items, each with the id of its check. */
  checks: { item: ConversionItem; id: string }[];
  /** exercise.yaml's text, with the schema line and comments pointing back to the CST file. */
  yaml: string;
}

/** The exercise.yaml of the converted items; it is validated as `dockgrade grade` will load it. */
export function exerciseFromCst(options: {
  items: ConversionItem[];
  targetDir: string;
  cstFile: string;
  schemaPath: string;
}): ExerciseDraft {
  const converted = options.items.filter((item) => item.check);
  const ids = checkIds(converted.map((item) => item.idBase ?? item.name));
  const checks = converted.map((item, index) => ({ item, id: ids[index]! }));
  const name = basename(options.cstFile);
  const spec = {
    id: exerciseId(options.targetDir),
    title: {
      fr: `Image conforme aux tests de ${name}`,
      en: `An image that passes ${name}`,
    },
    points: checks.length,
    baseImages: [] as string[],
    build: { dockerfile: "Dockerfile", context: "." },
    checks: checks.map(({ item, id }) => ({
      id,
      kind: item.check!.kind,
      points: 1,
      title: item.check!.title,
      hint: item.check!.hint,
      ...item.check!.options,
    })),
  };
  const parsed = exerciseSchema.safeParse(spec);
  if (!parsed.success) {
    throw new Error(
      `the converted exercise does not validate: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const document = new Document(spec);
  document.commentBefore =
    ` yaml-language-server: $schema=${options.schemaPath}\n` +
    ` Imported by \`dockgrade import-cst\` from ${name}: one check per CST test, one point each.\n` +
    ` baseImages: list the base images learners may use (\`dockgrade doctor --fix\` provides them).`;
  const checkNodes = document.get("checks", true);
  if (isSeq(checkNodes)) {
    checkNodes.items.forEach((node, index) => {
      const { item } = checks[index]!;
      const lines = [` ${item.source} of ${name}, line ${item.line}`, ...item.notes.map((note) => ` note: ${note.en}`)];
      if (isMap(node)) (node as YAMLMap).commentBefore = lines.join("\n");
    });
  }
  return { checks, yaml: document.toString({ lineWidth: 0 }) };
}
