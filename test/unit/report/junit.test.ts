import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../../src/report/index.js";
import { classRun, HOSTILE, submission } from "./sample-run.js";

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Node[];

function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  // Entities decoded and values kept as text, so that attributes compare as written.
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", parseAttributeValue: false, parseTagValue: false, trimValues: false }).parse(xml) as Node;
}

describe("junit format", () => {
  it("has one testsuite per submission and one testcase per check, with the counts CI reads", () => {
    const run = classRun();
    const root = parse(renderReport("junit", run, { lang: "fr" })).testsuites as Node;
    const suites = list(root.testsuite);
    expect(suites.map((suite) => suite.name)).toEqual(run.results.map((result) => `${result.submission.split("/").pop()}: 03-images-conteneurs/01-tags`));
    expect(root.tests).toBe(String(7 * 4));
    const alice = suites[0]!;
    const seconds = (ms: number) => (ms / 1000).toFixed(3);
    expect(alice).toMatchObject({ tests: "4", failures: "0", errors: "0", skipped: "0", time: seconds(run.results[0]!.durationMs) });
    const testcase = list(alice.testcase)[1]!;
    expect(testcase).toMatchObject({ classname: "03-images-conteneurs/01-tags", name: "tags: Les trois tags existent et désignent la même image", time: seconds(run.results[0]!.checks[1]!.durationMs) });
    const noDockerfile = suites.find((suite) => suite.name === "sans-dockerfile: 03-images-conteneurs/01-tags")!;
    expect(noDockerfile).toMatchObject({ failures: "1", skipped: "3" });
    expect(list(noDockerfile.testcase).filter((test) => test.skipped !== undefined)).toHaveLength(3);
  });

  it("escapes <, &, quotes and keeps non-ASCII text in attributes and bodies", () => {
    const xml = renderReport("junit", { results: [submission({ build: { status: "failed", durationMs: 1, logExcerpt: ["\u001b[31mERROR\u001b[0m: pip & <deps>"] } })] }, { lang: "en" });
    expect(xml).not.toContain("<script>");
    const suite = (parse(xml).testsuites as Node).testsuite as Node;
    expect(suite).toMatchObject({ name: "élodie: 03-images-conteneurs/01-tags", tests: "5", failures: "1", errors: "1", skipped: "1" });
    const [, failed, skipped, errored] = list(suite.testcase);
    const failure = failed!.failure as Node;
    expect(failure.message).toBe(HOSTILE.split("\n")[0]);
    expect(failure.type).toBe("image.tags");
    expect(failure["#text"]).toBe(`${HOSTILE}\nexpected: mon-app:v1 & <latest>\nactual: "none"\nhint: docker tag mon-app:v1 mon-app:latest`);
    expect(skipped!.skipped).toMatchObject({ message: "build failed" });
    expect(errored!.error).toMatchObject({ message: "engine timeout", "#text": "engine timeout" });
    // XML 1.0 cannot carry the terminal escape of a build log: it is replaced, the rest is kept.
    expect(suite["system-err"]).toBe("The image build failed:\n  \uFFFD[31mERROR\uFFFD[0m: pip & <deps>");
  });
});
