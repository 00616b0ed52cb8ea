import type { GradingContext } from "../../src/grading/context.js";
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

const words = (text: string) => new Set(text.split(/\s+/).filter(Boolean));
const missing = (expected: string[], found: (item: string) => boolean) => expected.filter((item) => !found(item));

function exact(output: string, truth: string): Verdict {
  return { right: output.trim() === truth, truth };
}

function allPresent(truthItems: string[], present: (item: string) => boolean, what: Localized, output: string): Verdict {
  const absent = missing(truthItems, present);
  return {
    // Nothing to show (no change, no log line) is a truth too: the right command prints nothing.
    right: truthItems.length === 0 ? output.trim() === "" : absent.length === 0,
    truth: truthItems.join("\n"),
    why: absent.length > 0 ? localized(`${what.fr} absent(s) : ${absent.slice(0, 5).join(", ")}`, `${what.en} missing: ${absent.slice(0, 5).join(", ")}`) : undefined,
  };
}

/** Judges a learner's output against the truth read at one moment. */
export type Judge = (output: string) => Verdict;

/** Reads the truth from the engine now, and returns how to judge an output against it. */
export async function readTruth(fact: Fact, context: GradingContext): Promise<Judge> {
  if (fact === "image.layers") {
    const history = (await context.image()).history;
    return (output) => {
      const sizeTokens = output.split("\n").filter((line) => /\d(B|kB|MB|GB)\b|^\s*\d+\s*$/.test(line));
      const sizes = history.map((step) => dockerHumanSize(step.sizeBytes));
      const present = (size: string) => output.includes(size);
      const verdict = allPresent([...new Set(sizes)], present, localized("Tailles de couches", "Layer sizes"), output);
      if (verdict.right && sizeTokens.length < history.length) {
        return { right: false, truth: sizes.join("\n"), why: localized(`${history.length} couches attendues, ${sizeTokens.length} lignes avec une taille.`, `${history.length} layers expected, ${sizeTokens.length} lines with a size.`) };
      }
      return verdict;
    };
  }
  const container = await context.container();
  switch (fact) {
    case "container.status": {
      const { status } = await container.state();
      return (output) => exact(output, status);
    }
    case "container.ip": {
      const state = await container.state();
      if (!state.ipAddress && state.running) throw new Error("the container has no IP address: give it a network (run.network: true)");
      return (output) => exact(output, state.ipAddress);
    }
    case "container.health": {
      const { health } = await container.state();
      return (output) => exact(output, health);
    }
    case "container.processes": {
      const table = await container.processes();
      const pidColumn = table.titles.indexOf("PID");
      const pids = table.processes.map((row) => row[pidColumn] ?? "");
      return (output) => {
        const found = words(output);
        return allPresent(pids, (pid) => found.has(pid), localized("PID", "PIDs"), output);
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
      const expected = (await container.logs()).map((line) => `${line.timestamp} ${line.text}`);
      return (output) => allPresent(expected, (line) => output.includes(line), localized("Lignes horodatées", "Timestamped lines"), output);
    }
  }
}
