import { readFile } from "node:fs/promises";
import { UsageError } from "../errors.js";
import type { Roster, Student } from "../report/gradebook.js";

/** One line of the roster file: a student, and how to recognise their submission folder. */
export interface RosterEntry extends Student {
  /** The `folder,id,name` form: the submission folder's exact name. */
  folder?: string;
  /** Line in the file, for messages. */
  line: number;
}

const CLASSROOM = ["identifier", "github_username"];
const SIMPLE = ["folder", "id"];

/**
 * Reads a roster: GitHub Classroom's export (`identifier,github_username,github_id,name`, extra
 * columns such as `group_name` ignored) or the simple `folder,id,name` form. Read before any
 * build, so that a wrong file stops the run before it costs anything.
 */
export async function readRoster(path: string): Promise<RosterEntry[]> {
  const text = await readFile(path, "utf8").catch(() => {
    throw new UsageError(`--roster ${path}: not found`);
  });
  // Loaded only when a roster is given: `grade` loads little before its first feedback.
  const { parse } = await import("csv-parse/sync");
  let records: Record<string, string>[];
  let header: string[] = [];
  try {
    records = parse(text, {
      bom: true,
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as Record<string, string>[];
  } catch (error) {
    throw new UsageError(`--roster ${path}: not a CSV file (${(error as Error).message})`);
  }
  const columns = new Set(header);
  const classroom = CLASSROOM.every((name) => columns.has(name));
  if (!classroom && !SIMPLE.every((name) => columns.has(name)))
    throw new UsageError(
      `--roster ${path}: expected GitHub Classroom's roster (identifier,github_username,github_id,name) or folder,id,name`,
    );
  const entries = records.map((record, index) => {
    const line = index + 2;
    const id = (classroom ? record.identifier : record.id) ?? "";
    if (!id) throw new UsageError(`--roster ${path}:${line}: no ${classroom ? "identifier" : "id"}`);
    return classroom
      ? { id, name: record.name || "", githubUsername: record.github_username || undefined, line }
      : { id, name: record.name || "", folder: record.folder || undefined, line };
  });
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const key = (entry.folder ?? entry.githubUsername)?.toLowerCase();
    if (!key) continue;
    const first = seen.get(key);
    if (first !== undefined) throw new UsageError(`--roster ${path}:${entry.line}: ${key} is already on line ${first}`);
    seen.set(key, entry.line);
  }
  return entries;
}

/**
 * Which student a submission folder is. The simple form names the folder. For GitHub Classroom,
 * a folder is the student's GitHub username, or a repository cloned by `gh classroom clone`,
 * named `<assignment>-<username>` (GitHub usernames ignore case); when several usernames end a
 * folder's name, the longest wins (`tp-jean-bob` is `jean-bob`'s, not `bob`'s, if both exist).
 */
function studentOf(folder: string, entries: RosterEntry[]): RosterEntry | undefined {
  const exact = entries.find((entry) => entry.folder === folder);
  if (exact) return exact;
  const name = folder.toLowerCase();
  const candidates = entries.filter((entry) => {
    const username = entry.githubUsername?.toLowerCase();
    return username !== undefined && (name === username || name.endsWith(`-${username}`));
  });
  return candidates.sort((a, b) => b.githubUsername!.length - a.githubUsername!.length)[0];
}

/** The roster for the run's learners; `unknown` lists the folders it has no student for (kept, without one). */
export function matchRoster(entries: RosterEntry[], learners: string[]): { roster: Roster; unknown: string[] } {
  const byLearner = new Map<string, Student>();
  const unknown: string[] = [];
  for (const learner of new Set(learners)) {
    const entry = studentOf(learner, entries);
    if (entry) byLearner.set(learner, entry);
    else unknown.push(learner);
  }
  return { roster: { students: entries, byLearner }, unknown };
}
