import type { FromInstruction } from "../grading/context.js";
import { localized, type Localized } from "../i18n.js";

/** Whether a FROM names an image (not an earlier stage, not `scratch`): only those can be pinned. */
export function namesAnImage(from: FromInstruction): boolean {
  return !from.referencesStage && from.image !== "scratch";
}

/**
 * The one rule for a pinned base image, shared by `dockerfile.base-pinned` and the lint rule
 * `from-unpinned`: a digest pins; a tag pins when it holds a version number (`3.11-slim` does,
 * `latest`, `slim` and no tag at all do not). Build arguments count with the value the builder
 * gives them (their default); one without a value leaves the reference unknown, so unpinned.
 * `variants` (e.g. slim, alpine) narrows the tags accepted. Undefined when the FROM is pinned.
 */
export function basePinProblem(from: FromInstruction, variants?: readonly string[]): Localized | undefined {
  const first = from.raw.split("\n")[0];
  const where = localized(`ligne ${from.line} : \`${first}\``, `line ${from.line}: \`${first}\``);
  const say = (fr: string, en: string) => localized(`${where.fr} ${fr}`, `${where.en} ${en}`);
  if (from.unresolved.length > 0) {
    const names = from.unresolved.map((name) => `\`${name}\``).join(", ");
    return say(
      `dépend de l'argument de construction ${names}, qui n'a pas de valeur par défaut : l'image utilisée n'est pas fixée.`,
      `depends on the build argument ${names}, which has no default: the image used is not fixed.`,
    );
  }
  if (from.digest) return undefined;
  const shown =
    from.written === `${from.image}${from.tag ? `:${from.tag}` : ""}`
      ? ""
      : ` (\`${from.image}${from.tag ? `:${from.tag}` : ""}\`)`;
  const advice = localized(
    `indiquez une version (\`${from.image}:<version>\`)`,
    `name a version (\`${from.image}:<version>\`)`,
  );
  if (!from.tag) {
    return say(
      `n'a pas de tag${shown} : Docker prendra \`latest\`, qui change sans prévenir ; ${advice.fr}.`,
      `has no tag${shown}: Docker will use \`latest\`, which changes without notice; ${advice.en}.`,
    );
  }
  if (from.tag === "latest") {
    return say(
      `utilise \`latest\`${shown}, qui n'est pas une version ; ${advice.fr}.`,
      `uses \`latest\`${shown}, which is not a version; ${advice.en}.`,
    );
  }
  if (!/\d/.test(from.tag)) {
    return say(
      `: le tag \`${from.tag}\` ne contient aucun numéro de version ; ${advice.fr}.`,
      `: tag \`${from.tag}\` has no version number; ${advice.en}.`,
    );
  }
  if (variants && !variants.some((variant) => from.tag?.split("-").includes(variant))) {
    return say(
      `: la variante doit être l'une de ${variants.join(", ")} (tag \`${from.tag}\`).`,
      `: the variant must be one of ${variants.join(", ")} (tag \`${from.tag}\`).`,
    );
  }
  return undefined;
}
