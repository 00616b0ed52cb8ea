import type { DockerfileInstruction, DockerfileModel } from "../../src/grading/context.js";
import { localized, type Localized } from "../../src/i18n.js";

export const lintRuleIds = ["from-unpinned", "consecutive-run", "copy-before-install", "apt-cache", "pip-cache"] as const;
export type LintRuleId = (typeof lintRuleIds)[number];

export interface LintFinding {
  /** 1-based line of the instruction at fault. */
  line: number;
  rule: LintRuleId;
  message: Localized;
}

/** An instruction's arguments on one line; the exec form `["pip", "install"]` read as words. */
function argsText(instruction: DockerfileInstruction): string {
  const text = instruction.args.replace(/\\\r?\n/g, " ");
  if (text.trim().startsWith("[")) {
    try {
      const words: unknown = JSON.parse(text);
      if (Array.isArray(words)) return words.join(" ");
    } catch {
      // Not JSON after all: Docker runs it as shell form, and so do we.
    }
  }
  return text;
}

/** The instructions of each build stage, FROM first; ARGs before the first FROM are left out. */
function stages(model: DockerfileModel): DockerfileInstruction[][] {
  const result: DockerfileInstruction[][] = [];
  for (const instruction of model.instructions) {
    if (instruction.keyword === "FROM") result.push([instruction]);
    else result.at(-1)?.push(instruction);
  }
  return result;
}

const installsDependencies = /\bpip3?\s+install\b[^&;|]*\s(?:-r|--requirement)[\s=]|\bnpm\s+(?:ci|install|i)\b|\bapt-get\s+(?:-\S+\s+)*install\b/;
const aptInstall = /\bapt-get\s+(?:-\S+\s+)*install\b/;
const aptListsRemoved = /\brm\s+(?:-\S+\s+)+[^&;|]*\/var\/lib\/apt\/lists/;
// Flags such as --mount are not part of `args`: these are read from the raw instruction.
const aptCacheMount = /--mount=\S*type=cache\S*\/var\/(?:lib|cache)\/apt/;
const pipCacheMount = /--mount=\S*type=cache\S*\.cache\/pip/;
const pipInstall = /\bpip3?\s+install\b/;
const pipInlineCacheOff = /\bPIP_NO_CACHE_DIR=\S/;
const pipCacheEnv = /(?:^|\s)PIP_NO_CACHE_DIR(?:=|\s+)\S/;

function copiesWholeContext(instruction: DockerfileInstruction): boolean {
  if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") return false;
  if (/^\S+\s+(?:--\S+\s+)*--from[=\s]/.test(instruction.raw)) return false;
  const sources = argsText(instruction).trim().split(/\s+/).slice(0, -1);
  return sources.some((source) => source === "." || source === "./");
}

function fromUnpinned(model: DockerfileModel): LintFinding[] {
  return model.froms
    .filter((from) => !from.referencesStage && from.image !== "scratch" && !from.image.includes("$") && !from.digest && (!from.tag || from.tag === "latest"))
    .map((from) => ({
      line: from.line,
      rule: "from-unpinned" as const,
      message: localized(
        `\`FROM ${from.image}${from.tag ? `:${from.tag}` : ""}\` suit \`latest\`, qui change sans prévenir : indiquez une version (\`${from.image}:<version>\`).`,
        `\`FROM ${from.image}${from.tag ? `:${from.tag}` : ""}\` follows \`latest\`, which changes without notice: name a version (\`${from.image}:<version>\`).`,
      ),
    }));
}

function consecutiveRun(model: DockerfileModel): LintFinding[] {
  const groups: DockerfileInstruction[][] = [];
  let previous: DockerfileInstruction | undefined;
  for (const instruction of model.instructions) {
    if (instruction.keyword === "RUN" && previous?.keyword === "RUN") groups.at(-1)?.push(instruction);
    else if (instruction.keyword === "RUN") groups.push([instruction]);
    previous = instruction;
  }
  return groups
    .filter((group) => group.length > 1)
    .map((group) => {
      const lines = group.map((run) => run.line).join(", ");
      return {
        line: group[0]?.line ?? 0,
        rule: "consecutive-run" as const,
        message: localized(
          `${group.length} RUN à la suite (lignes ${lines}) : chacun crée une couche ; réunissez-les en un seul RUN avec \`&&\`.`,
          `${group.length} RUN in a row (lines ${lines}): each makes a layer; join them into one RUN with \`&&\`.`,
        ),
      };
    });
}

function copyBeforeInstall(model: DockerfileModel): LintFinding[] {
  return stages(model).flatMap((stage) =>
    stage.flatMap((copy, index) => {
      if (!copiesWholeContext(copy)) return [];
      const install = stage.slice(index + 1).find((later) => later.keyword === "RUN" && installsDependencies.test(argsText(later)));
      if (!install) return [];
      return [{
        line: copy.line,
        rule: "copy-before-install" as const,
        message: localized(
          `\`${copy.keyword} ${copy.args.trim()}\` copie tout le code avant l'installation des dépendances (ligne ${install.line}) : chaque modification du code relance l'installation. Copiez d'abord les fichiers de dépendances, installez, puis copiez le reste.`,
          `\`${copy.keyword} ${copy.args.trim()}\` copies all the code before dependencies are installed (line ${install.line}): every code change reruns the install. Copy the dependency files first, install, then copy the rest.`,
        ),
      }];
    }),
  );
}

function aptCache(model: DockerfileModel): LintFinding[] {
  return model.instructions
    .filter((run) => run.keyword === "RUN" && aptInstall.test(argsText(run)) && !aptListsRemoved.test(argsText(run)) && !aptCacheMount.test(run.raw))
    .map((run) => ({
      line: run.line,
      rule: "apt-cache" as const,
      message: localized(
        "`apt-get install` sans `rm -rf /var/lib/apt/lists/*` dans le même RUN : les listes de paquets restent dans la couche (des dizaines de MB).",
        "`apt-get install` without `rm -rf /var/lib/apt/lists/*` in the same RUN: the package lists stay in the layer (tens of MB).",
      ),
    }));
}

function pipCache(model: DockerfileModel): LintFinding[] {
  const stageEnv = new Map<string, boolean>();
  return stages(model).flatMap((stage) => {
    const from = model.froms.find((candidate) => candidate.line === stage[0]?.line);
    let cacheOff = from?.referencesStage ? (stageEnv.get(from.image.toLowerCase()) ?? false) : false;
    const findings: LintFinding[] = [];
    for (const instruction of stage) {
      const text = argsText(instruction);
      if ((instruction.keyword === "ENV" || instruction.keyword === "ARG") && pipCacheEnv.test(text)) cacheOff = true;
      if (instruction.keyword !== "RUN" || cacheOff || pipInlineCacheOff.test(text) || pipCacheMount.test(instruction.raw)) continue;
      if (!text.split(/&&|\|\||;/).some((part) => pipInstall.test(part) && !part.includes("--no-cache-dir"))) continue;
      findings.push({
        line: instruction.line,
        rule: "pip-cache",
        message: localized(
          "`pip install` sans `--no-cache-dir` : le cache de pip reste dans la couche. Ajoutez `--no-cache-dir` (ou `ENV PIP_NO_CACHE_DIR=1`).",
          "`pip install` without `--no-cache-dir`: pip's cache stays in the layer. Add `--no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`).",
        ),
      });
    }
    if (from?.stageName) stageEnv.set(from.stageName.toLowerCase(), cacheOff);
    return findings;
  });
}

export const lintRules: Record<LintRuleId, (model: DockerfileModel) => LintFinding[]> = {
  "from-unpinned": fromUnpinned,
  "consecutive-run": consecutiveRun,
  "copy-before-install": copyBeforeInstall,
  "apt-cache": aptCache,
  "pip-cache": pipCache,
};
