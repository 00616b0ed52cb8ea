import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { classRun, submission } from "./sample-run.js";

const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe("csv format", () => {
  it("has one row per learner, sorted, with each exercise's score, the total and the maximum", () => {
    const table = rows(renderReport("csv", classRun(), { lang: "fr" }));
    expect(table.map((row) => row.learner)).toEqual(["alice", "base-non-epinglee", "commande-dangereuse", "image-complete", "sans-dockerfile", "tag-oublie", "trop-de-couches"]);
    expect(table[0]).toEqual({ learner: "alice", "03-images-conteneurs/01-tags": "12", total: "12", max_total: "12" });
    expect(table.find((row) => row.learner === "tag-oublie")).toMatchObject({ "03-images-conteneurs/01-tags": "6", total: "6", max_total: "12" });
  });

  it("sorts exercise columns, leaves ungraded ones empty, marks engine errors and keeps hostile names as text", () => {
    const run = {
      results: [
        submission({ exercise: "03/02-layers", learner: "zoé", submission: "/c/zoé", status: "failed", score: 3, maxScore: 10 }),
        submission({ exercise: "03/01-tags", learner: "zoé", submission: "/c/zoé", status: "passed", score: 10, maxScore: 10 }),
        submission({ exercise: "03/01-tags", learner: "=HYPERLINK(\"x\"),\"quoted\"", submission: "/c/=HYPERLINK(\"x\"),\"quoted\"", status: "error", score: 0, maxScore: 10 }),
      ],
    };
    const csv = renderReport("csv", run, { lang: "en" });
    expect(csv.split("\n")[0]).toBe("learner,03/01-tags,03/02-layers,total,max_total");
    const table = rows(csv);
    expect(table).toEqual([
      { learner: "'=HYPERLINK(\"x\"),\"quoted\"", "03/01-tags": "error", "03/02-layers": "", total: "0", max_total: "0" },
      { learner: "zoé", "03/01-tags": "10", "03/02-layers": "3", total: "13", max_total: "20" },
    ]);
  });
});
