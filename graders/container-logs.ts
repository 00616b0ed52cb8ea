import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { LogLine } from "../src/grading/context.js";
import { localized, type Localized } from "../src/i18n.js";
import { poll, hasStopped } from "./support/container-polling.js";
import { regexOption } from "./support/regex-option.js";

const missingPatterns = (patterns: string[], lines: LogLine[]) =>
  patterns.filter((pattern) => !lines.some((line) => new RegExp(pattern).test(line.text)));

function formatLines(lines: LogLine[], max = 15): string {
  if (lines.length === 0) return "\n  (aucune ligne / no line)";
  const shown = lines.slice(-max).map((line) => `\n  ${line.stream === "stderr" ? "err" : "out"}| ${line.text}`);
  return (lines.length > max ? `\n  … (${lines.length - max})` : "") + shown.join("");
}

/** Text read past which the logs were flooded (the reading cap is outputKb, 256 KiB by default). */
const FLOOD_BYTES = 100_000;

export default defineGrader({
  kind: "container.logs",
  description: "The shared container's logs (`docker logs`) show the expected lines, and none of the forbidden ones.",
  needs: "container",
  concurrent: true,
  options: {
    patterns: z
      .array(regexOption().describe("Regular expression on one log line."))
      .default([])
      .describe("Each must match some line."),
    forbid: z
      .array(regexOption().describe("Regular expression on one log line."))
      .optional()
      .describe("No line may match these, e.g. `Traceback`."),
    stream: z.enum(["stdout", "stderr", "both"]).default("both").describe("Which output the lines are read from."),
    withinSeconds: z.number().min(0).default(10).describe("Seconds allowed for the expected lines to appear."),
    minLines: z.number().int().min(1).optional().describe("Fewest lines the logs must hold."),
  },
  async run({ patterns, forbid, stream, withinSeconds, minLines }, context) {
    const container = await context.container();
    const read = async () => (await container.logs()).filter((line) => stream === "both" || line.stream === stream);
    const complete = (lines: LogLine[]) =>
      missingPatterns(patterns, lines).length === 0 && lines.length >= (minLines ?? 0);
    const { value: lines } = await poll(read, complete, {
      intervalMs: Math.min(250, withinSeconds * 100),
      timeoutMs: withinSeconds * 1000,
      settled: hasStopped(container),
    });
    const where = stream === "both" ? "" : ` (${stream})`;
    const problems: Localized[] = [];
    const missing = missingPatterns(patterns, lines);
    if (missing.length > 0) {
      const list = missing.map((pattern) => `/${pattern}/`).join(", ");
      // A flood is another story than buffering: the engine keeps only the end of a container's logs.
      const flooded = lines.reduce((bytes, line) => bytes + line.text.length, 0) >= FLOOD_BYTES;
      problems.push(
        flooded
          ? localized(
              `aucune ligne ne correspond à ${list} : l'application écrit sans arrêt (${lines.length} lignes lues), et seule la fin des journaux est gardée ; la ligne attendue a pu être perdue. N'écrivez pas en boucle.`,
              `no line matches ${list}: the app writes without pause (${lines.length} lines read), and only the end of the logs is kept; the expected line may have been lost. Do not write in a loop.`,
            )
          : localized(
              `aucune ligne ne correspond à ${list} après ${withinSeconds} s : l'application écrit-elle sur stdout/stderr, sans tampon (Python : PYTHONUNBUFFERED=1) ?`,
              `no line matches ${list} after ${withinSeconds} s: does the app write to stdout/stderr, unbuffered (Python: PYTHONUNBUFFERED=1)?`,
            ),
      );
    }
    for (const pattern of forbid ?? []) {
      const hit = lines.find((line) => new RegExp(pattern).test(line.text));
      if (hit)
        problems.push(
          localized(
            `ligne interdite /${pattern}/ : «${hit.text.trim()}»`,
            `forbidden line /${pattern}/: «${hit.text.trim()}»`,
          ),
        );
    }
    if (minLines !== undefined && lines.length < minLines) {
      problems.push(
        localized(
          `${lines.length} lignes, au moins ${minLines} attendues`,
          `${lines.length} lines, at least ${minLines} expected`,
        ),
      );
    }
    const expected = [...patterns.map((p) => `/${p}/`), ...(forbid ?? []).map((p) => `!/${p}/`)].join(", ") || "-";
    const actual = `${lines.length} lignes/lines`;
    const listing = formatLines(lines);
    if (problems.length > 0) {
      return failed(
        localized(
          `Les journaux du conteneur${where} ne sont pas conformes :\n  - ${problems.map((p) => p.fr).join("\n  - ")}\nDernières lignes :${listing}`,
          `The container's logs${where} do not match:\n  - ${problems.map((p) => p.en).join("\n  - ")}\nLast lines:${listing}`,
        ),
        { expected, actual },
      );
    }
    return passed(localized(`Journaux conformes${where} :${listing}`, `Logs as expected${where}:${listing}`), {
      expected,
      actual,
    });
  },
});
