import type { From } from "dockerfile-ast";
import { localized } from "../../i18n.js";
import { dockerfileOf } from "./instruction-order.js";
import { mutant, type Mutant, type MutationFamily, type SolutionFiles } from "./mutant.js";

const VARIANT = /^(.+?)-(slim|alpine)([-.\w]*)$/;

function retag(
  solution: SolutionFiles,
  family: string,
  newTag: (tag: string) => string | undefined,
  describe: (from: string, to: string) => [string, string],
): Mutant[] {
  const text = dockerfileOf(solution);
  if (!text) return [];
  return (text.instructions.filter((i) => text.keyword(i) === "FROM") as From[]).flatMap((from) => {
    const tag = from.getImageTag();
    const range = from.getImageTagRange();
    const name = from.getImageName();
    const replacement = tag ? newTag(tag) : undefined;
    if (!tag || !range || !replacement || replacement === tag) return [];
    const line = text.span(from)[0] + 1;
    const [fr, en] = describe(`${name}:${tag}`, `${name}:${replacement}`);
    return [
      mutant(family, `line-${line}`, localized(fr, en), [[solution.dockerfile, text.replaceRange(range, replacement)]]),
    ];
  });
}

/** FROM image:tag → image:latest. */
export const fromLatest: MutationFamily = (solution) =>
  retag(
    solution,
    "from-latest",
    () => "latest",
    (from, to) => [`image de base non épinglée : ${from} → ${to}`, `unpinned base image: ${from} → ${to}`],
  );

/** FROM image:3.11-slim → image:3.11 (the full variant). */
export const fromFullVariant: MutationFamily = (solution) =>
  retag(
    solution,
    "from-full-variant",
    (tag) => VARIANT.exec(tag)?.[1],
    (from, to) => [
      `variante complète de l'image de base : ${from} → ${to}`,
      `full variant of the base image: ${from} → ${to}`,
    ],
  );

/** FROM image:3.11-slim → image:3.11-alpine (another light variant). */
export const fromAlpineVariant: MutationFamily = (solution) =>
  retag(
    solution,
    "from-alpine-variant",
    (tag) => {
      const match = VARIANT.exec(tag);
      return match && match[2] === "slim" ? `${match[1]}-alpine${match[3]}` : undefined;
    },
    (from, to) => [
      `autre variante de l'image de base : ${from} → ${to}`,
      `another variant of the base image: ${from} → ${to}`,
    ],
  );
