import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { SubmissionResult } from "../../../src/grading/result.js";
import type { Roster, Student } from "../../../src/report/gradebook.js";
import { renderReport } from "../../../src/report/index.js";
import { classRun, submission } from "./sample-run.js";
import { FORMULAS } from "./validators.js";

const rows = (csv: string) => parse(csv, { columns: true, bom: true }) as Record<string, string>[];

/** A class of three on two exercises: a full one, one not handed in, one the engine failed. */
function packRun(): { results: SubmissionResult[] } {
  const result = (exercise: string, learner: string, score: number, status: SubmissionResult["status"] = "failed") =>
    submission({ exercise, learner, submission: `/c/${learner}/${exercise}`, status, score, maxScore: 10 });
  return {
    results: [
      result("03/02-layers", "zoé", 3),
      result("03/01-tags", "zoé", 10, "passed"),
      result("03/01-tags", "bob", 7),
      result("03/01-tags", FORMULAS[0]!, 0, "error"),
      result("03/02-layers", FORMULAS[0]!, 9.5),
    ],
  };
}

const students: Student[] = [
  { id: "20231234", name: "Zoé Lefèvre" },
  { id: "bob@example.edu", name: "=Bob" },
  { id: "20239999", name: "Ana Absente" },
];
const roster: Roster = {
  students,
  byLearner: new Map([
    ["zoé", students[0]!],
    ["bob", students[1]!],
  ]),
};

describe("csv format", () => {
  it("starts with a byte order mark, then one row per learner with each exercise's score, total, maximum, status", () => {
    const csv = renderReport("csv", classRun(), { lang: "fr" });
    expect(csv.startsWith("\uFEFFlearner,")).toBe(true);
    const table = rows(csv);
    expect(table.map((row) => row.learner)).toEqual([
      "alice",
      "base-non-epinglee",
      "commande-dangereuse",
      "image-complete",
      "sans-dockerfile",
      "tag-oublie",
      "trop-de-couches",
    ]);
    expect(table[0]).toEqual({
      learner: "alice",
      "03-images-conteneurs/01-tags": "12",
      total: "12",
      max_total: "12",
      status: "graded",
    });
    expect(table.find((row) => row.learner === "tag-oublie")).toMatchObject({ total: "6", max_total: "12" });
  });

  it("never writes a word or a silent 0 in a number column; the same maximum for everyone", () => {
    const csv = renderReport("csv", packRun(), { lang: "en" });
    expect(csv.split("\r\n")[0]).toBe("\uFEFFlearner,03/01-tags,03/02-layers,total,max_total,status");
    expect(rows(csv)).toEqual([
      {
        learner: `'${FORMULAS[0]}`,
        "03/01-tags": "",
        "03/02-layers": "9.5",
        total: "",
        max_total: "20",
        status: "error",
      },
      { learner: "bob", "03/01-tags": "7", "03/02-layers": "", total: "7", max_total: "20", status: "incomplete" },
      { learner: "zoé", "03/01-tags": "10", "03/02-layers": "3", total: "13", max_total: "20", status: "graded" },
    ]);
    for (const row of rows(csv))
      for (const column of ["03/01-tags", "03/02-layers", "total", "max_total"])
        expect(row[column]).toMatch(/^(\d+(\.\d+)?)?$/);
  });

  it("keeps every formula-like cell as text", () => {
    const run = {
      results: FORMULAS.map((learner) => submission({ learner, status: "failed", score: 1, maxScore: 10 })),
    };
    const learners = rows(renderReport("csv", run, { lang: "en" })).map((row) => row.learner!);
    expect(learners.sort()).toEqual(FORMULAS.map((formula) => `'${formula}`).sort());
  });

  it("with a roster: the student's id and name, and roster students with no submission", () => {
    const table = rows(renderReport("csv", packRun(), { lang: "en", roster }));
    expect(table.map((row) => [row.learner, row.student_id, row.student_name, row.status])).toEqual([
      [`'${FORMULAS[0]}`, "", "", "error"],
      ["bob", "bob@example.edu", "'=Bob", "incomplete"],
      ["zoé", "20231234", "Zoé Lefèvre", "graded"],
      ["", "20239999", "Ana Absente", "not-submitted"],
    ]);
    expect(table[3]).toMatchObject({ "03/01-tags": "", total: "", max_total: "20" });
  });
});

describe("canvas format", () => {
  it("is what Canvas's gradebook importer reads: student header, Points Possible row, assignments", () => {
    const csv = renderReport("canvas", packRun(), { lang: "en", roster });
    const [header, points, ...students] = parse(csv, { bom: true }) as string[][];
    // gradebook_importer.rb: row[0] includes "Student", row[1] "ID", "SIS User ID" then
    // "SIS Login ID" as student columns, the last student column includes "Section".
    expect(header).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "03/01-tags", "03/02-layers"]);
    expect(points).toEqual(["Points Possible", "", "", "", "", "10", "10"]);
    // The engine's failure is left out (a blank would clear the grade); so is Ana, absent.
    expect(students).toEqual([
      ["'=Bob", "", "bob@example.edu", "bob@example.edu", "", "7", ""],
      ["Zoé Lefèvre", "", "20231234", "20231234", "", "10", "3"],
    ]);
    expect(csv.startsWith("\uFEFFStudent,ID,")).toBe(true);
  });

  it("without a roster, names each row by its folder for Canvas to match by name", () => {
    const [, , ...students] = parse(renderReport("canvas", classRun(), { lang: "en" }), { bom: true }) as string[][];
    expect(students[0]).toEqual(["alice", "", "", "", "", "12"]);
  });
});

describe("moodle format", () => {
  it("has one identifier column to map, a name to ignore, one column per grade item; '-' for no grade", () => {
    const csv = renderReport("moodle", packRun(), { lang: "en", roster });
    const [header, ...students] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual(["Identifier", "Full name", "03/01-tags", "03/02-layers"]);
    // Moodle aborts the whole import on an unknown user: the folder with no student is left out,
    // and so is the learner who could not be graded.
    expect(students).toEqual([
      ["bob@example.edu", "'=Bob", "7", "-"],
      ["20231234", "Zoé Lefèvre", "10", "3"],
    ]);
    for (const row of students) for (const cell of row.slice(2)) expect(cell).toMatch(/^(-|\d+(\.\d+)?)$/);
  });
});
