import { basename } from "node:path";
import type { HistoryEntry, ImageFacts, OtherStateKind, RunningContainer } from "../../src/grading/context.js";
import { localized, type Localized } from "../../src/i18n.js";

export const FACTS = [
  "container.status",
  "container.ip",
  "container.health",
  "container.processes",
  "container.changes",
  "container.logs-timestamps",
  "image.layers",
] as const;
export type Fact = (typeof FACTS)[number];

/**
 * The other state each fact is read in a second time: one where the truth differs from the
 * shared container's, so that a command printing the same text whatever the state fails there.
 */
export const OTHER_STATE: Record<Fact, OtherStateKind> = {
  "container.status": "never-started",
  "container.ip": "started-later",
  "container.health": "started-later",
  "container.processes": "started-later",
  "container.changes": "started-later",
  "container.logs-timestamps": "started-later",
  "image.layers": "never-started",
};

export interface Verdict {
  right: boolean;
  /** What the engine says, as the learner should see it. */
  truth: string;
  /** Why a wrong answer is wrong. */
  why?: Localized;
}

/** Sizes as the docker CLI prints them (go-units HumanSizeWithPrecision(size, 3), decimal). */
export function dockerHumanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit += 1;
  }
  return `${Number(size.toPrecision(3))}${units[unit]}`;
}

/**
 * The one value a command printed, read as an instructor would: surrounding spaces and the
 * final newline do not count, nor JSON quoting (`{{json .State.Status}}` prints `"running"`).
 */
export function printedValue(output: string): string {
  const trimmed = output.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(trimmed)) {
    try {
      return (JSON.parse(trimmed) as string).trim();
    } catch {
      // Not a JSON string after all: keep the text as printed.
    }
  }
  return trimmed;
}

/** A single value (status, health, address): the same word, whatever its case or quoting. */
function sameValue(output: string, truth: string): Verdict {
  return { right: printedValue(output).toLowerCase() === truth.toLowerCase(), truth };
}

const words = (text: string) => new Set(text.split(/[\s"',[\]{}:]+/).filter(Boolean));

function allPresent(
  truthItems: string[],
  present: (item: string) => boolean,
  what: Localized,
  output: string,
): Verdict {
  const absent = truthItems.filter((item) => !present(item));
  return {
    // Nothing to show (no change, no log line) is a truth too: the right command prints nothing.
    right: truthItems.length === 0 ? printedValue(output) === "" : absent.length === 0,
    truth: truthItems.join("\n"),
    why:
      absent.length > 0
        ? localized(
            `${what.fr} absent(s) : ${absent.slice(0, 5).join(", ")}`,
            `${what.en} missing: ${absent.slice(0, 5).join(", ")}`,
          )
        : undefined,
  };
}

/** Judges a learner's output against the truth read at one moment. */
export type Judge = (output: string) => Verdict;

/** Where a truth is read: the shared container and the built image, or another state of them. */
export interface TruthSource {
  container(): Promise<RunningContainer>;
  image(): Promise<ImageFacts>;
}

/** A layer's size as the command may print it: as `docker history` does, or in bytes (`--human=false`). */
function sizePrinted(output: string, bytes: number): boolean {
  const tokens = words(output);
  return tokens.has(dockerHumanSize(bytes)) || tokens.has(String(bytes));
}

const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Whether the output says which step a layer is: the instruction that made it, as `docker
 * history` prints it (cut after 45 characters by default), or its image id.
 */
function stepNamed(output: string, step: HistoryEntry): boolean {
  const text = squeeze(output);
  const createdBy = squeeze(step.createdBy);
  const id = step.id?.replace(/^sha256:/, "");
  return (
    (createdBy !== "" && text.includes(createdBy.slice(0, 30))) ||
    (!!id && /^[0-9a-f]{12,}$/.test(id) && text.includes(id.slice(0, 12)))
  );
}

/** Reads the truth from the engine now, and returns how to judge an output against it. */
export async function readTruth(fact: Fact, source: TruthSource): Promise<Judge> {
  if (fact === "image.layers") {
    const history = (await source.image()).history;
    const bytesOf = new Map(history.map((step) => [dockerHumanSize(step.sizeBytes), step.sizeBytes]));
    return (output) => {
      const sizeLines = output.split("\n").filter((line) => /\d(B|kB|MB|GB)\b|(^|\s)\d+(\s|$)/.test(line));
      const verdict = allPresent(
        [...bytesOf.keys()],
        (size) => sizePrinted(output, bytesOf.get(size)!),
        localized("Tailles de couches", "Layer sizes"),
        output,
      );
      const unnamed = history.filter((step) => squeeze(step.createdBy) !== "" && !stepNamed(output, step));
      if (verdict.right && unnamed.length > 0) {
        return {
          right: false,
          truth: history.map((step) => dockerHumanSize(step.sizeBytes)).join("\n"),
          why: localized(
            `chaque couche doit être nommée (l'instruction qui l'a créée, ou son identifiant) avec sa taille : ${unnamed.length} ne le sont pas`,
            `each layer must be named (the instruction that made it, or its id) with its size: ${unnamed.length} are not`,
          ),
        };
      }
      if (verdict.right && sizeLines.length < history.length) {
        return {
          right: false,
          truth: history.map((step) => dockerHumanSize(step.sizeBytes)).join("\n"),
          why: localized(
            `${history.length} couches attendues, ${sizeLines.length} lignes avec une taille.`,
            `${history.length} layers expected, ${sizeLines.length} lines with a size.`,
          ),
        };
      }
      return { ...verdict, truth: history.map((step) => dockerHumanSize(step.sizeBytes)).join("\n") };
    };
  }
  const container = await source.container();
  switch (fact) {
    case "container.status": {
      const { status } = await container.state();
      return (output) => sameValue(output, status);
    }
    case "container.ip": {
      const state = await container.state();
      if (!state.ipAddress && state.running)
        throw new Error("the container has no IP address: give it a network (run.network: true)");
      return (output) => sameValue(output, state.ipAddress);
    }
    case "container.health": {
      const { health } = await container.state();
      return (output) => sameValue(output, health);
    }
    case "container.processes": {
      // Each process by its PID and its program: a PID alone does not say which process it is.
      const table = await container.processes();
      const pidColumn = table.titles.indexOf("PID");
      const commandColumn = table.titles.findIndex((title) => title === "CMD" || title === "COMMAND");
      const processes = table.processes.map((row) => ({
        pid: row[pidColumn] ?? "",
        program: basename((row[commandColumn] ?? "").trim().split(/\s+/)[0] ?? ""),
      }));
      return (output) => {
        const found = words(output);
        const items = processes.map((process) => `${process.pid} ${process.program}`);
        return allPresent(
          items,
          (item) => {
            const [pid = "", program = ""] = item.split(" ");
            return found.has(pid) && (program === "" || output.includes(program));
          },
          localized("Processus (PID et programme)", "Processes (PID and program)"),
          output,
        );
      };
    }
    case "container.changes": {
      const paths = (await container.changes()).map((change) => change.path);
      return (output) => {
        const lines = output.split("\n").map((line) => line.trim().replace(/^[ACD]\s+/, ""));
        return allPresent(paths, (path) => lines.includes(path), localized("Chemins", "Paths"), output);
      };
    }
    case "container.logs-timestamps": {
      const expected = (await container.logs()).map((line) => squeeze(`${line.timestamp} ${line.text}`));
      return (output) =>
        allPresent(
          expected,
          // `--details` puts a second space after the timestamp: spacing does not count.
          (line) => squeeze(output).includes(line),
          localized("Lignes horodatées", "Timestamped lines"),
          output,
        );
    }
  }
}
