import { readdir, readFile, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { journalDirs, journalFileName } from "./journal-location.js";
import type { EngineIdentity } from "./engine-identity.js";
import type { JournalEntry } from "./run-journal.js";

type Entry<T extends JournalEntry["t"]> = Extract<JournalEntry, { t: T }>;

/** A run journal as read back: what the run said it created, in the order it was created. */
export interface JournalRecord {
  file: string;
  runId: string;
  /** One per process that wrote to it (a run id given twice by DOCKGRADE_RUN_ID appends). */
  runs: Entry<"run">[];
  /** The identities of the engines it was written for (from the run lines and the engine lines). */
  engines: EngineIdentity[];
  sessions: Entry<"session">[];
  containers: Entry<"container">[];
  images: Entry<"image">[];
  /** The last process wrote its end: it is not running any more. */
  ended: boolean;
}

/** Reads a journal; a line cut short by a process killed mid-write is skipped. */
export async function readJournal(file: string): Promise<JournalRecord | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const record: JournalRecord = {
    file,
    runId: "",
    runs: [],
    engines: [],
    sessions: [],
    containers: [],
    images: [],
    ended: false,
  };
  for (const line of text.split("\n")) {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      continue;
    }
    record.ended = entry.t === "end";
    if (entry.t === "run") {
      record.runs.push(entry);
      record.runId = entry.runId;
      const { id, version } = entry.engine;
      if (id && version) record.engines.push({ ...entry.engine, id, version });
    } else if (entry.t === "engine") record.engines.push(entry.engine);
    else if (entry.t === "session") record.sessions.push(entry);
    else if (entry.t === "container") record.containers.push(entry);
    else if (entry.t === "image") record.images.push(entry);
  }
  return record.runs.length > 0 ? record : undefined;
}

/** Every journal in the state folders, oldest run first. */
export async function listJournals(): Promise<JournalRecord[]> {
  const records: JournalRecord[] = [];
  for (const dir of journalDirs()) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((entry) => entry.endsWith(".jsonl"))) {
      const record = await readJournal(join(dir, name));
      if (record) records.push(record);
    }
  }
  return records.sort((a, b) => a.runs[0]!.at.localeCompare(b.runs[0]!.at));
}

/** The journal of one run, wherever it was written. */
export async function findJournal(runId: string): Promise<JournalRecord | undefined> {
  for (const dir of journalDirs()) {
    const record = await readJournal(join(dir, journalFileName(runId)));
    if (record) return record;
  }
  return undefined;
}

/** The process that writes it is still running on this machine: its objects are in use. */
export function runUnderWay(record: JournalRecord): boolean {
  const last = record.runs.at(-1)!;
  if (record.ended || last.host !== hostname()) return false;
  try {
    process.kill(last.pid, 0);
    return last.pid !== process.pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function deleteJournal(record: JournalRecord): Promise<void> {
  await unlink(record.file).catch(() => undefined);
}
