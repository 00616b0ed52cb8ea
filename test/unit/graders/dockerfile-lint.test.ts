import { describe, expect, it } from "vitest";
import grader, { lintDockerfile, type LintRuleId } from "../../../graders/dockerfile-lint.js";
import { parseDockerfile } from "../../../src/dockerfile/parse-dockerfile.js";
import { fakeContext } from "../../support/fake-context.js";

const lint = (text: string, rule: LintRuleId) => lintDockerfile(parseDockerfile("Dockerfile", text), [rule]);
const lines = (text: string, rule: LintRuleId) => lint(text, rule).map((finding) => finding.line);

describe("lintDockerfile", () => {
  it("from-unpinned: the base-pinned rule, without variants", () => {
    expect(lines("FROM python\nFROM node:latest AS b\nFROM python:slim\n", "from-unpinned")).toEqual([1, 2, 3]);
    expect(
      lines(
        "ARG BASE=python:3.12\nFROM python:3.12-slim AS build\nFROM build\nFROM scratch\nFROM alpine@sha256:abc\nFROM ${BASE}",
        "from-unpinned",
      ),
    ).toEqual([]);
    // A build argument without a default: the image is not fixed.
    expect(lines("ARG BASE\nFROM ${BASE}", "from-unpinned")).toEqual([2]);
    expect(lint("# base\nFROM python", "from-unpinned")[0]?.message.fr).toContain("`python:<version>`");
  });

  it("consecutive-run: one finding per group of RUN in a row, at the first", () => {
    const findings = lint("FROM a:1\nRUN a\n# comment\nRUN b\nRUN c\nCOPY . .\nRUN d", "consecutive-run");
    expect(findings.map((f) => f.line)).toEqual([2]);
    expect(findings[0]?.message.en).toContain("3 RUN in a row (lines 2, 4, 5)");
    expect(lines("FROM a:1\nRUN a && b\nCOPY . .\nRUN c", "consecutive-run")).toEqual([]);
  });

  it("copy-before-install: whole context copied before installing dependencies", () => {
    const bad = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt";
    const findings = lint(bad, "copy-before-install");
    expect(findings.map((f) => f.line)).toEqual([3]);
    expect(findings[0]?.message.fr).toContain("(ligne 4)");
    expect(lines("FROM node:22\nADD ./ /app\nRUN npm ci", "copy-before-install")).toEqual([2]);
    expect(lines('FROM debian:12\nCOPY [".", "/src"]\nRUN apt-get -y install curl', "copy-before-install")).toEqual([
      2,
    ]);
  });

  it("copy-before-install: passes when dependencies come first, or the copy is not the context", () => {
    const good = "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .";
    expect(lines(good, "copy-before-install")).toEqual([]);
    expect(lines("FROM a:1 AS b\nFROM c:1\nCOPY --from=b . .\nRUN npm ci", "copy-before-install")).toEqual([]);
    expect(lines("FROM a:1\nCOPY . .\nFROM b:1\nRUN npm install", "copy-before-install")).toEqual([]);
    // Installing the code itself comes after the code.
    expect(lines("FROM a:1\nCOPY . .\nRUN pip install --no-cache-dir .", "copy-before-install")).toEqual([]);
  });

  it("copy-before-install: a glob of every file, an install by name, a stage built on the copy", () => {
    expect(lines("FROM a:1\nCOPY * ./\nRUN pip install -r requirements.txt", "copy-before-install")).toEqual([2]);
    // `--find-links .` names where packages are, not the code as a package.
    const findLinks = "FROM a:1\nCOPY * ./\nRUN pip install --no-index --find-links . -r requirements.txt";
    expect(lines(findLinks, "copy-before-install")).toEqual([2]);
    expect(lines("FROM a:1\nCOPY . .\nRUN pip install flask==3.0", "copy-before-install")).toEqual([2]);
    expect(lines("FROM a:1\nCOPY . .\nRUN python -m pip install flask", "copy-before-install")).toEqual([2]);
    const inherited = "FROM a:1 AS source\nCOPY . /src\nFROM source AS deps\nRUN pip install -r /src/requirements.txt";
    expect(lines(inherited, "copy-before-install")).toEqual([2]);
  });

  it("apt-cache: apt-get install must clean its lists in the same RUN", () => {
    expect(lines("FROM debian:12\nRUN apt-get update && apt-get install -y curl", "apt-cache")).toEqual([2]);
    expect(
      lines(
        "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*",
        "apt-cache",
      ),
    ).toEqual([3]);
    const good =
      "FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*";
    expect(lines(good, "apt-cache")).toEqual([]);
    expect(
      lines("FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get install -y curl", "apt-cache"),
    ).toEqual([]);
  });

  it("pip-cache: pip install needs --no-cache-dir or PIP_NO_CACHE_DIR", () => {
    expect(lines("FROM python:3.12\n\nRUN pip install flask", "pip-cache")).toEqual([3]);
    expect(lines('FROM python:3.12\nRUN ["pip", "install", "flask"]', "pip-cache")).toEqual([2]);
    expect(lines("FROM python:3.12\nRUN pip install --no-cache-dir a && pip install b", "pip-cache")).toEqual([2]);
    expect(
      lines("FROM python:3.12\nRUN python -m pip install --no-cache-dir -r requirements.txt", "pip-cache"),
    ).toEqual([]);
    expect(lines("FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask", "pip-cache")).toEqual([]);
    expect(lines("FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask", "pip-cache")).toEqual([]);
    expect(
      lines("FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask", "pip-cache"),
    ).toEqual([]);
  });

  it("pip-cache: reads the RUN as the shell runs it", () => {
    const flagged = (run: string) => lines(`FROM python:3.12\nRUN ${run}`, "pip-cache");
    // A lone assignment sets a shell variable pip never sees.
    expect(flagged("PIP_NO_CACHE_DIR=1 && pip install flask")).toEqual([2]);
    expect(flagged("export PIP_NO_CACHE_DIR=1 && pip install flask")).toEqual([]);
    expect(flagged("env PIP_NO_CACHE_DIR=1 pip3 install flask")).toEqual([]);
    // pip's own configuration, or the cache removed in the same RUN, keep it out of the layer too.
    expect(flagged("pip config --global set global.no-cache-dir true && pip install flask")).toEqual([]);
    expect(flagged("pip install flask && rm -rf /root/.cache/pip")).toEqual([]);
    expect(flagged("pip install flask && pip cache purge")).toEqual([]);
    // Removed before the install, or in another RUN: the layer keeps it.
    expect(flagged("rm -rf /root/.cache/pip && pip install flask")).toEqual([2]);
    expect(lines("FROM python:3.12\nRUN pip install flask\nRUN rm -rf /root/.cache/pip", "pip-cache")).toEqual([2]);
  });

  it("pip-cache: the variable holds in stages built on the stage that set it, not in others", () => {
    const text =
      "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install a\nFROM python:3.12\nRUN pip install b";
    expect(lines(text, "pip-cache")).toEqual([6]);
  });

  it("applies every rule by default, in line order", () => {
    const findings = lintDockerfile(
      parseDockerfile("Dockerfile", "FROM python\nCOPY . .\nRUN pip install -r requirements.txt\nRUN echo done"),
    );
    expect(findings.map((f) => `${f.line}:${f.rule}`)).toEqual([
      "1:from-unpinned",
      "2:copy-before-install",
      "3:consecutive-run",
      "3:pip-cache",
    ]);
  });
});

describe("dockerfile.lint", () => {
  const clean =
    "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .";

  it("passes a clean Dockerfile", async () => {
    const outcome = await grader.run({ max: 0 }, fakeContext({ dockerfile: clean }));
    expect(outcome).toMatchObject({ status: "pass", expected: "<= 0", actual: "0" });
  });

  it("fails with each finding's line and rule", async () => {
    const outcome = await grader.run({ max: 0 }, fakeContext({ dockerfile: "FROM python\nRUN pip install flask" }));
    expect(outcome.status).toBe("fail");
    expect(outcome.message.fr).toContain("ligne 1 [from-unpinned]");
    expect(outcome.message.en).toContain("line 2 [pip-cache]");
  });

  it("allows up to max findings and only the chosen rules", async () => {
    const context = fakeContext({ dockerfile: "FROM python\nRUN pip install flask" });
    expect((await grader.run({ max: 2 }, context)).status).toBe("pass");
    expect((await grader.run({ max: 0, rules: ["consecutive-run", "apt-cache"] }, context)).status).toBe("pass");
  });

  it("rejects unknown rules in the spec", () => {
    expect(grader.options.rules.safeParse(["no-such-rule"]).success).toBe(false);
  });
});
