import type { Localized } from "../../i18n.js";

/** A file's new content (UTF-8 text or bytes), or null to delete it. */
export type FileEdit = string | Buffer | null;

/** One mutation of the solution: the files it changes, relative to the solution folder. */
export interface Mutant {
  /** `family` or `family:detail`, unique within an exercise. */
  name: string;
  family: string;
  description: Localized;
  edits: Map<string, FileEdit>;
}

/** What mutations read: the solution's files, and which of them the spec treats specially. */
export interface SolutionFiles {
  /** Every file, relative path → content. */
  files: Map<string, Buffer>;
  dockerfile: string;
  /** The learner's file of docker commands (commands.file), when the exercise has one. */
  commandFile?: string;
  /** Files read by answers.command checks. */
  answerFiles: string[];
}

/** A family of mutations: every mutant it makes of one solution. */
export type MutationFamily = (solution: SolutionFiles) => Mutant[];

export function mutant(
  family: string,
  detail: string | undefined,
  description: Localized,
  edits: [string, FileEdit][],
): Mutant {
  return { name: detail ? `${family}:${detail}` : family, family, description, edits: new Map(edits) };
}
