import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { classRun, HOSTILE, submission } from "./sample-run.js";

function decode(text: string) {
  const [first, second, ...rest] = text.split("\n");
  expect(first).toMatch(/^result=[A-Za-z0-9+/]+=*$/);
  expect(rest).toEqual([""]);
  return { json: JSON.parse(Buffer.from(first!.slice("result=".length), "base64").toString("utf8")), points: second };
}

/** The autograding reporter's sum (notify-classroom.js): runners with a falsy max_score are skipped. */
function classroomPoints(results: { max_score: number; tests: { score: number }[] }[]) {
  let totalPoints = 0;
  let maxPoints = 0;
  for (const result of results) {
    if (!result.max_score) continue;
    maxPoints += result.max_score;
    for (const test of result.tests) totalPoints += test.score;
  }
  return maxPoints ? { totalPoints, maxPoints } : undefined;
}

describe("github-classroom format", () => {
  it("writes result=<base64 JSON> in the command grader's shape, then a Points line", () => {
    const { json, points } = decode(
      renderReport("github-classroom", { results: [classRun().results[5]!] }, { lang: "en" }),
    );
    expect(Object.keys(json)).toEqual(["version", "status", "max_score", "tests"]);
    expect(json).toMatchObject({ version: 1, status: "fail", max_score: 12 });
    expect(json.tests).toHaveLength(4);
    // The command grader's test fields, in its order; duration in milliseconds, a number.
    for (const test of json.tests)
      expect(Object.keys(test)).toEqual([
        "name",
        "status",
        "score",
        "message",
        "test_code",
        "filename",
        "line_no",
        "duration",
      ]);
    expect(json.tests[1]).toMatchObject({
      name: "Les trois tags existent et désignent la même image",
      status: "fail",
      score: 0,
      test_code: "image.tags tags",
      filename: "",
      line_no: 0,
      duration: classRun().results[5]!.checks[1]!.durationMs,
    });
    expect(Number.isInteger(json.tests[1].duration)).toBe(true);
    expect(classroomPoints([json])).toEqual({ totalPoints: 6, maxPoints: 12 });
    expect(points).toBe("Points 6/12");
  });

  it("sends learners only visible checks, a skipped check as a failure, and text intact", () => {
    const { json, points } = decode(
      renderReport("github-classroom", { results: [submission({ status: "failed" })] }, { lang: "en" }),
    );
    expect(json.status).toBe("fail");
    expect(json.tests.map((test: { status: string }) => test.status)).toEqual(["pass", "fail", "fail"]);
    expect(json.tests[1].message).toContain(HOSTILE);
    expect(json.max_score).toBe(10);
    expect(points).toBe("Points 2/10");
  });

  it("sends no score when grading could not complete: max_score 0, which the reporter skips", () => {
    const { json, points } = decode(renderReport("github-classroom", { results: [submission()] }, { lang: "en" }));
    expect(json.status).toBe("error");
    expect(json.max_score).toBe(0);
    expect(classroomPoints([json])).toBeUndefined();
    expect(points).toBe(
      "Points -/10: grading could not complete (not the learner's fault); no score sent, re-run the job",
    );
  });

  it("passes when every check passed", () => {
    const { json, points } = decode(
      renderReport("github-classroom", { results: [classRun().results[0]!] }, { lang: "fr" }),
    );
    expect(json.status).toBe("pass");
    expect(json.tests.reduce((sum: number, test: { score: number }) => sum + test.score, 0)).toBe(12);
    expect(points).toBe("Points 12/12");
  });
});
