import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { classRun, HOSTILE, submission } from "./sample-run.js";
import { hasXmllint, hostileSubmission, junitSchemaErrors } from "./validators.js";

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Node[];

function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  // Entities decoded and values kept as text, so that attributes compare as written.
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
  }).parse(xml) as Node;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

describe("junit format", () => {
  it.skipIf(!hasXmllint)("is valid against the Jenkins xUnit JUnit schema (xmllint), hostile text included", () => {
    for (const format of ["junit", "junit-learner"] as const) {
      expect(junitSchemaErrors(renderReport(format, classRun(), { lang: "fr" }))).toBe("");
      expect(junitSchemaErrors(renderReport(format, { results: [hostileSubmission()] }, { lang: "en" }))).toBe("");
      expect(junitSchemaErrors(renderReport(format, { results: [] }, { lang: "en" }))).toBe("");
    }
  });

  it("has one testsuite per submission, a testcase per check and one for the build, with the counts CI reads", () => {
    const run = classRun();
    const root = parse(renderReport("junit", run, { lang: "fr" })).testsuites as Node;
    expect(
      Object.keys(root)
        .filter((key) => key !== "#text")
        .sort(),
    ).toEqual(["errors", "failures", "name", "tests", "testsuite", "time"]);
    const suites = list(root.testsuite);
    expect(suites.map((suite) => suite.name)).toEqual(
      run.results.map((result) => `${result.learner}: 03-images-conteneurs/01-tags`),
    );
    // Four checks each, and the build for the six that had a Dockerfile to build.
    expect(root.tests).toBe(String(7 * 4 + 6));
    const alice = suites[0]!;
    expect(alice).toMatchObject({ tests: "5", failures: "0", errors: "0", skipped: "0" });
    expect(alice.time).toBe(seconds(run.results[0]!.durationMs));
    const [build, , tags] = list(alice.testcase);
    expect(build).toMatchObject({
      name: "build: L'image se construit",
      classname: "alice: 03-images-conteneurs/01-tags",
    });
    expect(tags).toMatchObject({
      classname: "alice: 03-images-conteneurs/01-tags",
      name: "tags: Les trois tags existent et désignent la même image",
      time: seconds(run.results[0]!.checks[1]!.durationMs),
    });
    const noDockerfile = suites.find((suite) => suite.name === "sans-dockerfile: 03-images-conteneurs/01-tags")!;
    expect(noDockerfile).toMatchObject({ tests: "4", failures: "1", skipped: "3" });
  });

  it("puts the build log in a failing build testcase, where GitLab and GitHub show it", () => {
    const run = { results: [classRun().results[1]!] };
    const suite = (parse(renderReport("junit-learner", run, { lang: "en" })).testsuites as Node).testsuite as Node;
    expect(suite["system-err"]).toBeUndefined();
    const [build] = list(suite.testcase);
    expect(build).toMatchObject({ name: "build: The image builds", classname: "03-images-conteneurs/01-tags" });
    expect(build!.failure).toMatchObject({ message: "The image build failed", type: "build" });
    expect((build!.failure as Node)["#text"]).toMatch(/^Step 1\/8 : FROM python\nGet "https:\/\/registry-1/);
  });

  it("escapes markup, strips terminal escapes and GitLab attachment links, keeps non-ASCII text", () => {
    const xml = renderReport("junit", { results: [hostileSubmission()] }, { lang: "en" });
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("[[ATTACHMENT|");
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    const suite = (parse(xml).testsuites as Node).testsuite as Node;
    expect(suite).toMatchObject({ tests: "7", failures: "2", errors: "1", skipped: "1" });
    const [build, , failed, skipped, errored] = list(suite.testcase);
    expect((build!.failure as Node)["#text"]).toContain("red link  nul bel c1\nnext");
    const failure = failed!.failure as Node;
    expect(failure.type).toBe("image.tags");
    expect(failure["#text"]).toContain("<img src=x onerror=alert(1)>");
    expect(skipped!.skipped).toMatchObject({ message: "build failed" });
    expect(errored!.error).toMatchObject({ message: "engine timeout", "#text": "engine timeout" });
  });

  it("shows the instructor every check, and a learner's CI only the visible ones", () => {
    const run = { results: [submission()] };
    const names = (format: "junit" | "junit-learner") =>
      list(((parse(renderReport(format, run, { lang: "en" })).testsuites as Node).testsuite as Node).testcase).map(
        (testcase) => testcase.name,
      );
    expect(names("junit")).toEqual([
      "build: The image builds",
      "base: Base épinglée",
      "tags: Les trois tags existent",
      "couches: Au plus 3 couches",
      "sante: Santé",
      "taille: Taille",
    ]);
    expect(names("junit-learner")).toEqual(names("junit").slice(0, 4));
    expect(HOSTILE).toContain("<script>");
  });

  it("reports engine trouble as an erroring grading testcase", () => {
    const run = { results: [submission({ error: "the engine stopped answering\nsecond line" })] };
    const suite = (parse(renderReport("junit", run, { lang: "fr" })).testsuites as Node).testsuite as Node;
    const grading = list(suite.testcase).find((testcase) => testcase.name === "grading: Correction")!;
    expect(grading.error).toMatchObject({
      message: "the engine stopped answering",
      type: "grading",
      "#text": "the engine stopped answering\nsecond line",
    });
  });
});
