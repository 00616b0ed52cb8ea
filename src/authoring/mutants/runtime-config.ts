import { localized, type Localized } from "../../i18n.js";
import { dockerfileOf } from "./instruction-order.js";
import { mutant, type MutationFamily } from "./mutant.js";

function eachInstruction(
  keyword: string,
  family: string,
  describe: (line: number) => Localized,
  replace: (raw: string) => string[] | undefined,
): MutationFamily {
  return (solution) => {
    const text = dockerfileOf(solution);
    if (!text) return [];
    return text.instructions
      .filter((i) => text.keyword(i) === keyword)
      .flatMap((instruction) => {
        const replacement = replace(text.raw(instruction));
        if (!replacement) return [];
        const line = text.span(instruction)[0] + 1;
        return [
          mutant(family, `line-${line}`, describe(line), [
            [solution.dockerfile, text.replaceInstruction(instruction, replacement)],
          ]),
        ];
      });
  };
}

/** The HEALTHCHECK removed: Docker knows nothing of the container's health. */
export const removeHealthcheck = eachInstruction(
  "HEALTHCHECK",
  "remove-healthcheck",
  (line) => localized(`HEALTHCHECK supprimé (ligne ${line})`, `HEALTHCHECK removed (line ${line})`),
  () => [],
);

/** The HEALTHCHECK's probe replaced by `true`: always healthy, whatever the application does. */
export const healthcheckAlwaysTrue = eachInstruction(
  "HEALTHCHECK",
  "healthcheck-always-true",
  (line) =>
    localized(
      `la sonde du HEALTHCHECK (ligne ${line}) remplacée par \`CMD true\` : toujours en bonne santé`,
      `the HEALTHCHECK's probe (line ${line}) replaced by \`CMD true\`: always healthy`,
    ),
  (raw) => {
    const cmd = /\bCMD\b/i.exec(raw);
    return cmd ? `${raw.slice(0, cmd.index)}CMD true`.split("\n") : undefined;
  },
);

/** Each USER removed: the process runs as root. */
export const dropUser = eachInstruction(
  "USER",
  "drop-user",
  (line) =>
    localized(
      `USER supprimé (ligne ${line}) : le processus tourne en root`,
      `USER removed (line ${line}): the process runs as root`,
    ),
  () => [],
);

/** The CMD replaced by a process that does nothing: the container runs, the application does not. */
export const changeCmd = eachInstruction(
  "CMD",
  "change-cmd",
  (line) =>
    localized(
      `CMD (ligne ${line}) remplacé par \`CMD ["sleep", "infinity"]\` : l'application ne démarre pas`,
      `CMD (line ${line}) replaced by \`CMD ["sleep", "infinity"]\`: the application does not start`,
    ),
  () => ['CMD ["sleep", "infinity"]'],
);
