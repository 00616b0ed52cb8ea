import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { condition, evaluate, substitute } from "../support/actions-expressions.js";
import { parseKeyValueFile, runGithubJob, type Workflow } from "../support/github-actions-harness.js";

const context = (jobSucceeded = true) => ({
  contexts: {
    github: { actor: "alice" },
    steps: { grade: { outputs: { exit: "1", result: "abc" } } },
    matrix: { shard: 2 },
    strategy: { "job-total": 4 },
  },
  jobSucceeded,
});

describe("the workflow harness's expressions", () => {
  it("evaluates the conditions and substitutions the templates use, as GitHub does", () => {
    expect(condition("github.actor != 'github-classroom[bot]'", context())).toBe(true);
    expect(condition("${{ github.actor == 'ALICE' }}", context())).toBe(true);
    expect(condition("steps.grade.outputs.exit != '0'", context())).toBe(true);
    expect(condition("steps.grade.outputs.exit != '0'", context(false))).toBe(false);
    expect(condition("always()", context(false))).toBe(true);
    expect(condition(undefined, context(false))).toBe(false);
    expect(condition("failure() && steps.grade.outputs.result == 'abc'", context(false))).toBe(true);
    expect(evaluate("!(matrix.shard == 2) || strategy.job-total", context())).toBe(4);
    expect(substitute("--shard ${{ matrix.shard }}/${{ strategy.job-total }}", context())).toBe("--shard 2/4");
  });

  it("refuses what it does not know instead of guessing", () => {
    expect(() => evaluate("contains(github.actor, 'bot')", context())).toThrow(/not supported/);
    expect(() => evaluate("secrets.TOKEN", context())).toThrow(/unknown context/);
    expect(() => evaluate("github.actor ==", context())).toThrow();
  });

  it("reads GITHUB_OUTPUT lines and heredoc blocks", () => {
    expect(parseKeyValueFile("a=1\nb<<EOF\nline 1\nline=2\nEOF\nc=x=y\n")).toEqual({
      a: "1",
      b: "line 1\nline=2",
      c: "x=y",
    });
  });
});

describe("the workflow harness's job runner", () => {
  const workflow = parse(`
name: t
on: [push]
jobs:
  job:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    steps:
    - uses: actions/checkout@v7
    - run: |
        mkdir -p bin && printf '#!/bin/sh\\necho tool\\n' > bin/tool && chmod +x bin/tool
        echo "$PWD/bin" >> "$GITHUB_PATH"
    - id: first
      run: |
        echo "value=$(tool)" >> "$GITHUB_OUTPUT"
        echo "# summary" >> "$GITHUB_STEP_SUMMARY"
    - id: report
      uses: classroom-resources/autograding-grading-reporter@v1
      env:
        TOOL_RESULTS: "\${{steps.first.outputs.value}}"
      with:
        runners: tool
    - run: "false"
    - run: echo never
    - if: always()
      run: echo "after=\${{ steps.first.outputs.value }}"
`) as Workflow;

  it("runs steps in order with bash -e, passes outputs and PATH on, stops at a failure, honours always()", async () => {
    const workspace = await mkdtemp(join(tmpdir(), "dockgrade-harness-"));
    const run = await runGithubJob(workflow, "job", { workspace });
    expect(run.ran).toBe(true);
    expect(run.succeeded).toBe(false);
    expect(run.outputs.first).toEqual({ value: "tool" });
    expect(run.summary).toBe("# summary\n");
    expect(run.steps.map((step) => step.status)).toEqual([
      "success",
      "success",
      "success",
      // TOOL_RESULTS is "tool", not base64 JSON: the real reporter would fail too.
      "failure",
      "skipped",
      "skipped",
      "success",
    ]);
    expect(run.steps.at(-1)!.log).toBe("after=tool\n");
  });

  it("skips the job for GitHub Classroom's own commit", async () => {
    const workspace = await mkdtemp(join(tmpdir(), "dockgrade-harness-"));
    const run = await runGithubJob(workflow, "job", { workspace, actor: "github-classroom[bot]" });
    expect(run).toMatchObject({ ran: false, steps: [] });
  });
});
