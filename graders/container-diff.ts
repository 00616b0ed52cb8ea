import picomatch from "picomatch";
import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { FilesystemChange } from "../src/grading/context.js";
import { localized, type Localized } from "../src/i18n.js";
import { tail } from "./support/container-excerpt.js";

const letter = { added: "A", changed: "C", deleted: "D" } as const;
const globs = (what: string) => z.array(z.string().min(1)).optional().describe(what);

function matcher(patterns: string[]): (path: string) => boolean {
  return picomatch(patterns, { dot: true });
}

/**
 * Changes outside the allowed globs. A folder that contains an allowed change is allowed too:
 * writing /tmp/x also shows `C /tmp`, and the learner did nothing wrong there.
 */
export function disallowedChanges(changes: FilesystemChange[], allowed: string[]): FilesystemChange[] {
  const isAllowed = matcher(allowed);
  const allowedPaths = changes.map((change) => change.path).filter((path) => isAllowed(path));
  const isAncestor = (path: string) =>
    allowedPaths.some((inner) => inner.startsWith(path.endsWith("/") ? path : `${path}/`));
  return changes.filter((change) => !isAllowed(change.path) && !isAncestor(change.path));
}

function formatChanges(changes: FilesystemChange[], max = 30): string {
  if (changes.length === 0) return "\n  (aucun changement / no change)";
  const lines = changes.slice(0, max).map((change) => `\n  ${letter[change.kind]} ${change.path}`);
  return lines.join("") + (changes.length > max ? `\n  … (+${changes.length - max})` : "");
}

export default defineGrader({
  kind: "container.diff",
  description:
    "What the shared container changed in its filesystem (`docker diff`), optionally after running a command.",
  needs: "container",
  disruptsContainer: true,
  options: {
    trigger: z
      .object({ exec: z.array(z.string().min(1)).min(1).describe("Command run in the container first (argv).") })
      .strict()
      .optional()
      .describe("Makes the app write something before the diff is read."),
    added: globs("Globs that must each match an added path, e.g. /app/data/*.db."),
    changed: globs("Globs that must each match a changed path."),
    deleted: globs("Globs that must each match a deleted path."),
    allowed: globs(
      "Globs covering every change allowed (folders holding an allowed change included); anything else fails.",
    ),
  },
  async run({ trigger, added, changed, deleted, allowed }, context) {
    const container = await context.container();
    if (trigger) {
      const result = await container.exec(trigger.exec, { timeoutMs: 30_000 });
      if (result.exitCode !== 0 || result.timedOut) {
        throw new Error(
          `diff trigger \`${trigger.exec.join(" ")}\` exited ${result.timedOut ? "(timed out)" : result.exitCode}: ${tail(result.stderr)}`,
        );
      }
    }
    const changes = await container.changes();
    const problems: Localized[] = [];
    for (const [kind, patterns] of [
      ["added", added],
      ["changed", changed],
      ["deleted", deleted],
    ] as const) {
      const paths = changes.filter((change) => change.kind === kind).map((change) => change.path);
      for (const pattern of patterns ?? []) {
        if (!paths.some(matcher([pattern]))) {
          problems.push(
            localized(
              `aucun chemin ${letter[kind]} ne correspond à \`${pattern}\``,
              `no ${kind} path (${letter[kind]}) matches \`${pattern}\``,
            ),
          );
        }
      }
    }
    const outside = allowed ? disallowedChanges(changes, allowed) : [];
    if (outside.length > 0) {
      const list = outside
        .slice(0, 10)
        .map((change) => `${letter[change.kind]} ${change.path}`)
        .join(", ");
      problems.push(
        localized(
          `changements hors des chemins autorisés (${allowed?.join(", ")}) : ${list} ; l'application ne doit écrire que là`,
          `changes outside the allowed paths (${allowed?.join(", ")}): ${list}; the app must write only there`,
        ),
      );
    }
    const expected = [
      ...(added ?? []).map((p) => `A ${p}`),
      ...(changed ?? []).map((p) => `C ${p}`),
      ...(deleted ?? []).map((p) => `D ${p}`),
      ...(allowed ? [`⊆ ${allowed.join(", ")}`] : []),
    ].join("; ");
    const actual = changes.map((change) => `${letter[change.kind]} ${change.path}`).join("; ") || "-";
    const listing = formatChanges(changes);
    if (problems.length > 0) {
      return failed(
        localized(
          `Le système de fichiers du conteneur ne change pas comme prévu :\n  - ${problems.map((p) => p.fr).join("\n  - ")}\ndocker diff :${listing}`,
          `The container's filesystem does not change as expected:\n  - ${problems.map((p) => p.en).join("\n  - ")}\ndocker diff:${listing}`,
        ),
        { expected, actual },
      );
    }
    return passed(localized(`Changements conformes :${listing}`, `Changes as expected:${listing}`), {
      expected,
      actual,
    });
  },
});
