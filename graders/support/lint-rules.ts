import type { DockerfileInstruction, DockerfileModel } from "../../src/grading/context.js";
import { basePinProblem, namesAnImage } from "../../src/dockerfile/base-pin.js";
import { localized, type Localized } from "../../src/i18n.js";

export const lintRuleIds = [
  "from-unpinned",
  "consecutive-run",
  "copy-before-install",
  "apt-cache",
  "pip-cache",
] as const;
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

const installsDependencies =
  /\b(?:pip3?|python3?\s+-m\s+pip)\s+install\b|\bnpm\s+(?:ci|install|i)\b|\bapt-get\s+(?:-\S+\s+)*install\b/;
/** pip install options that take a value: their value is not a package to install. */
const PIP_OPTIONS_WITH_VALUE = new Set([
  "-r",
  "--requirement",
  "-c",
  "--constraint",
  "-f",
  "--find-links",
  "-i",
  "--index-url",
  "--extra-index-url",
  "-t",
  "--target",
  "--prefix",
  "--root",
  "--platform",
  "--python-version",
  "--implementation",
  "--abi",
  "--src",
  "--upgrade-strategy",
  "--cache-dir",
  "--log",
  "--proxy",
  "--retries",
  "--timeout",
  "--exists-action",
  "--trusted-host",
  "--cert",
  "--client-cert",
  "--global-option",
  "--config-settings",
  "--progress-bar",
]);

/** `pip install .` or `-e .` installs the code itself: it comes after the code, rightly. */
function installsTheCodeItself(text: string): boolean {
  return shellCommands(text).some((words) => {
    const { program } = commandWords(words);
    const at = program.indexOf("install");
    if (at < 0 || !isPipInstall(program)) return false;
    const targets: string[] = [];
    for (let index = at + 1; index < program.length; index += 1) {
      const word = program[index]!;
      if (PIP_OPTIONS_WITH_VALUE.has(word)) index += 1;
      else if (!word.startsWith("-")) targets.push(word);
    }
    return targets.some((target) => target === "." || target === "./");
  });
}
/** Sources that copy the whole build context: the folder itself, or a glob of every file in it. */
const WHOLE_CONTEXT = new Set([".", "./", "*", "./*"]);
const aptInstall = /\bapt-get\s+(?:-\S+\s+)*install\b/;
const aptListsRemoved = /\brm\s+(?:-\S+\s+)+[^&;|]*\/var\/lib\/apt\/lists/;
// Flags such as --mount are not part of `args`: these are read from the raw instruction.
const aptCacheMount = /--mount=\S*type=cache\S*\/var\/(?:lib|cache)\/apt/;
const pipCacheMount = /--mount=\S*type=cache\S*\.cache\/pip/;
const pipCacheEnv = /(?:^|\s)PIP_NO_CACHE_DIR(?:=|\s+)\S/;

function copiesWholeContext(instruction: DockerfileInstruction): boolean {
  if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") return false;
  if (/^\S+\s+(?:--\S+\s+)*--from[=\s]/.test(instruction.raw)) return false;
  const sources = argsText(instruction).trim().split(/\s+/).slice(0, -1);
  return sources.some((source) => WHOLE_CONTEXT.has(source));
}

function installsDependenciesIn(instruction: DockerfileInstruction): boolean {
  const text = argsText(instruction);
  return instruction.keyword === "RUN" && installsDependencies.test(text) && !installsTheCodeItself(text);
}

/** The pinned-base rule of `dockerfile.base-pinned`, without its variants: one rule for both. */
function fromUnpinned(model: DockerfileModel): LintFinding[] {
  return model.froms.flatMap((from) => {
    const problem = namesAnImage(from) ? basePinProblem(from) : undefined;
    return problem ? [{ line: from.line, rule: "from-unpinned" as const, message: problem }] : [];
  });
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

/**
 * The whole context copied before dependencies are installed: every code change reruns the
 * install. A stage built FROM a stage that copied everything starts with that copy.
 */
function copyBeforeInstall(model: DockerfileModel): LintFinding[] {
  const copiedIn = new Map<string, DockerfileInstruction>();
  return stages(model).flatMap((stage) => {
    const from = model.froms.find((candidate) => candidate.line === stage[0]?.line);
    let copy = from?.referencesStage ? copiedIn.get(from.image.toLowerCase()) : undefined;
    const findings: LintFinding[] = [];
    for (const instruction of stage) {
      if (copiesWholeContext(instruction)) copy ??= instruction;
      else if (copy && installsDependenciesIn(instruction)) {
        findings.push({
          line: copy.line,
          rule: "copy-before-install" as const,
          message: localized(
            `\`${copy.keyword} ${copy.args.trim()}\` copie tout le code avant l'installation des dépendances (ligne ${instruction.line}) : chaque modification du code relance l'installation. Copiez d'abord les fichiers de dépendances, installez, puis copiez le reste.`,
            `\`${copy.keyword} ${copy.args.trim()}\` copies all the code before dependencies are installed (line ${instruction.line}): every code change reruns the install. Copy the dependency files first, install, then copy the rest.`,
          ),
        });
        break;
      }
    }
    if (from?.stageName && copy) copiedIn.set(from.stageName.toLowerCase(), copy);
    return findings;
  });
}

function aptCache(model: DockerfileModel): LintFinding[] {
  return model.instructions
    .filter(
      (run) =>
        run.keyword === "RUN" &&
        aptInstall.test(argsText(run)) &&
        !aptListsRemoved.test(argsText(run)) &&
        !aptCacheMount.test(run.raw),
    )
    .map((run) => ({
      line: run.line,
      rule: "apt-cache" as const,
      message: localized(
        "`apt-get install` sans `rm -rf /var/lib/apt/lists/*` dans le même RUN : les listes de paquets restent dans la couche (des dizaines de MB).",
        "`apt-get install` without `rm -rf /var/lib/apt/lists/*` in the same RUN: the package lists stay in the layer (tens of MB).",
      ),
    }));
}

/** The simple commands of a RUN, in order: `a && b; c | d` → [a, b, c, d], each as words. */
function shellCommands(text: string): string[][] {
  return text
    .split(/&&|\|\||;|\||\n/)
    .map((part) => part.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0);
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const cacheOffAssignment = (word: string) => /^PIP_NO_CACHE_DIR=./.test(word);

/** A command's program and arguments, past `env` and the variable assignments that prefix it. */
function commandWords(words: string[]): { prefix: string[]; program: string[] } {
  let index = 0;
  while (index < words.length && (ASSIGNMENT.test(words[index]!) || words[index] === "env")) index += 1;
  return { prefix: words.slice(0, index), program: words.slice(index) };
}

const isPipInstall = (program: string[]) =>
  (/^pip3?(\.\d+)?$/.test(program[0] ?? "") && program[1] === "install") ||
  (/^python3?(\.\d+)?$/.test(program[0] ?? "") &&
    program[1] === "-m" &&
    program[2] === "pip" &&
    program[3] === "install");
/** `pip config set global.no-cache-dir ...` writes pip's configuration: later installs keep no cache. */
const setsPipConfig = (program: string[]) =>
  /^pip3?$/.test(program[0] ?? "") &&
  program[1] === "config" &&
  program.some((word) => /no[-_]cache[-_]dir/.test(word));
/** Removing pip's cache in the same RUN keeps it out of the layer all the same. */
const removesPipCache = (program: string[]) =>
  (program[0] === "rm" && program.some((word) => /\.cache\/pip\/?$|\.cache\/?$/.test(word))) ||
  (/^pip3?$/.test(program[0] ?? "") && program[1] === "cache" && program[2] === "purge");

/**
 * `pip install` keeps its download cache in the layer unless pip is told not to: `--no-cache-dir`,
 * `PIP_NO_CACHE_DIR` in the environment pip runs in (ENV, ARG, `export`, or a prefix of the
 * command itself; a lone `PIP_NO_CACHE_DIR=1 &&` sets a shell variable pip never sees), pip's own
 * configuration, a cache mount, or the cache removed in the same RUN.
 */
function pipCache(model: DockerfileModel): LintFinding[] {
  const stageCacheOff = new Map<string, boolean>();
  return stages(model).flatMap((stage) => {
    const from = model.froms.find((candidate) => candidate.line === stage[0]?.line);
    let cacheOff = from?.referencesStage ? (stageCacheOff.get(from.image.toLowerCase()) ?? false) : false;
    const findings: LintFinding[] = [];
    for (const instruction of stage) {
      const text = argsText(instruction);
      if ((instruction.keyword === "ENV" || instruction.keyword === "ARG") && pipCacheEnv.test(text)) cacheOff = true;
      if (instruction.keyword !== "RUN" || cacheOff || pipCacheMount.test(instruction.raw)) continue;
      const commands = shellCommands(text).map(commandWords);
      let exported = false;
      let keepsCache = false;
      commands.forEach(({ prefix, program }, index) => {
        if (program[0] === "export" && program.slice(1).some(cacheOffAssignment)) exported = true;
        if (setsPipConfig(program)) cacheOff = true;
        if (!isPipInstall(program) || exported || cacheOff || prefix.some(cacheOffAssignment)) return;
        if (program.includes("--no-cache-dir")) return;
        if (commands.slice(index + 1).some((later) => removesPipCache(later.program))) return;
        keepsCache = true;
      });
      if (!keepsCache) continue;
      findings.push({
        line: instruction.line,
        rule: "pip-cache",
        message: localized(
          "`pip install` sans `--no-cache-dir` : le cache de pip reste dans la couche. Ajoutez `--no-cache-dir` (ou `ENV PIP_NO_CACHE_DIR=1`).",
          "`pip install` without `--no-cache-dir`: pip's cache stays in the layer. Add `--no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`).",
        ),
      });
    }
    if (from?.stageName) stageCacheOff.set(from.stageName.toLowerCase(), cacheOff);
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
