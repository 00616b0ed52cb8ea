import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { classRun, HOSTILE, submission } from "./sample-run.js";

function decode(text: string) {
  const [first, second, ...rest] = text.split("\n");
  expect(first).toMatch(/^result=[A-Za-z0-9+/]+=*$/);
  expect(rest).toEqual([""]);
  return { json: JSON.parse(Buffer.from(first!.slice("result=".length), "base64").toString("utf8")), points: second };
}

describe("github-classroom format", () => {
  it("writes result=<base64 JSON> as the reporter decodes it, then a Points line", () => {
    const { json, points } = decode(renderReport("github-classroom", { results: [classRun().results[5]!] }, { lang: "en" }));
    expect(Object.keys(json)).toEqual(["version", "status", "max_score", "tests"]);
    expect(json).toMatchObject({ version: 1, status: "fail", max_score: 12 });
    expect(json.tests).toHaveLength(4);
    for (const test of json.tests) expect(Object.keys(test)).toEqual(["name", "status", "score", "message", "line_no", "execution_time"]);
    expect(json.tests[1]).toMatchObject({ name: "Les trois tags existent et désignent la même image", status: "fail", score: 0, line_no: 0 });
    expect(json.tests[1].execution_time).toMatch(/^\d+\.\d{2}s$/);
    expect(points).toBe("Points 6/12");
  });

  it("sends learners only visible checks, a skipped check as a failure, and text intact", () => {
    const { json, points } = decode(renderReport("github-classroom", { results: [submission()] }, { lang: "en" }));
    expect(json.status).toBe("error");
    expect(json.tests.map((test: { status: string }) => test.status)).toEqual(["pass", "fail", "fail"]);
    expect(json.tests[1].message).toContain(HOSTILE);
    expect(json.max_score).toBe(10);
    expect(points).toBe("Points 2/10");
  });

  it("passes when every check passed", () => {
    const { json, points } = decode(renderReport("github-classroom", { results: [classRun().results[0]!] }, { lang: "fr" }));
    expect(json.status).toBe("pass");
    expect(json.tests.reduce((sum: number, test: { score: number }) => sum + test.score, 0)).toBe(12);
    expect(points).toBe("Points 12/12");
  });
});
