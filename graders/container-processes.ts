import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { ProcessTable } from "../src/grading/context.js";
import { localized, type Localized } from "../src/i18n.js";
import { regexOption } from "./support/regex-option.js";

function column(table: ProcessTable, names: string[], fallback: number): number {
  const index = table.titles.findIndex((title) => names.includes(title.toUpperCase()));
  return index >= 0 ? index : fallback;
}

/** The table as `docker top` prints it, capped so a fork bomb does not flood the report. */
export function formatProcessTable(table: ProcessTable, maxRows = 20): string {
  const rows = [table.titles, ...table.processes.slice(0, maxRows)];
  const widths = table.titles.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  const lines = rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "),
  );
  const more = table.processes.length > maxRows ? [`… (+${table.processes.length - maxRows})`] : [];
  return [...lines, ...more].map((line) => `\n  ${line}`).join("");
}

export default defineGrader({
  kind: "container.processes",
  description:
    "The processes running in the shared container (`docker top`): expected ones present, forbidden ones absent.",
  needs: "container",
  concurrent: true,
  options: {
    expect: z
      .array(
        z
          .object({
            pattern: regexOption().describe("Regular expression on the CMD column, e.g. `gunicorn`."),
            user: z
              .string()
              .min(1)
              .optional()
              .describe("Exact value of the UID column (a name like `app`, or a number)."),
            min: z.number().int().min(0).default(1).describe("Fewest matching processes."),
            max: z.number().int().min(0).optional().describe("Most matching processes."),
          })
          .strict(),
      )
      .default([])
      .describe("Processes that must run."),
    forbid: z
      .array(regexOption().describe("Regular expression on the CMD column."))
      .optional()
      .describe("No process may match these, e.g. `sshd`."),
    maxProcesses: z.number().int().min(1).optional().describe("Most processes in the container."),
  },
  async run({ expect, forbid, maxProcesses }, context) {
    const table = await (await context.container()).processes();
    const cmd = column(table, ["CMD", "COMMAND"], table.titles.length - 1);
    const uid = column(table, ["UID", "USER"], 0);
    const problems: Localized[] = [];
    for (const wanted of expect) {
      const regex = new RegExp(wanted.pattern);
      const count = table.processes.filter(
        (row) => regex.test(row[cmd] ?? "") && (!wanted.user || row[uid] === wanted.user),
      ).length;
      const who = wanted.user ? ` (UID ${wanted.user})` : "";
      if (count < wanted.min || (wanted.max !== undefined && count > wanted.max)) {
        const bounds = wanted.max === undefined ? `>= ${wanted.min}` : `${wanted.min}..${wanted.max}`;
        problems.push(
          localized(
            `/${wanted.pattern}/${who} : ${count} processus, attendu ${bounds}.`,
            `/${wanted.pattern}/${who}: ${count} processes, expected ${bounds}.`,
          ),
        );
      }
    }
    for (const pattern of forbid ?? []) {
      const regex = new RegExp(pattern);
      const found = table.processes.filter((row) => regex.test(row[cmd] ?? "")).map((row) => row[cmd]);
      if (found.length > 0) {
        problems.push(
          localized(
            `processus interdit /${pattern}/ : ${found.join(", ")}.`,
            `forbidden process /${pattern}/: ${found.join(", ")}.`,
          ),
        );
      }
    }
    if (maxProcesses !== undefined && table.processes.length > maxProcesses) {
      problems.push(
        localized(
          `${table.processes.length} processus, au plus ${maxProcesses} attendus.`,
          `${table.processes.length} processes, at most ${maxProcesses} expected.`,
        ),
      );
    }
    const listing = formatProcessTable(table);
    const expected =
      [...expect.map((wanted) => `/${wanted.pattern}/`), ...(forbid ?? []).map((pattern) => `!/${pattern}/`)].join(
        ", ",
      ) || "-";
    const actual = table.processes.map((row) => row[cmd]).join("; ");
    if (problems.length > 0) {
      return failed(
        localized(
          `Processus du conteneur non conformes :\n  - ${problems.map((p) => p.fr).join("\n  - ")}\nProcessus (docker top) :${listing}`,
          `The container's processes do not match:\n  - ${problems.map((p) => p.en).join("\n  - ")}\nProcesses (docker top):${listing}`,
        ),
        { expected, actual },
      );
    }
    return passed(localized(`Processus conformes :${listing}`, `Processes as expected:${listing}`), {
      expected,
      actual,
    });
  },
});
