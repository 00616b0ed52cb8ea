import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { reporters } from "../../src/report/index.js";
import type { Workflow } from "../support/github-actions-harness.js";
import type { GitlabJob } from "../support/gitlab-ci-harness.js";

const TEMPLATES = "src/cli/ci-templates";
const read = (name: string) => readFile(`${TEMPLATES}/${name}`, "utf8");

/** The `--format` names a workflow uses, so that a template never names a format that is gone. */
function formatsIn(workflow: string): string[] {
  return [...workflow.matchAll(/--format ([\w-]+)/g)].map((match) => match[1]!);
}

/** Node.js lines under maintenance (LTS): even majors from 22 on (20 ended in April 2026). */
const maintainedNode = (version: unknown) => Number(version) >= 22 && Number(version) % 2 === 0;

describe("CI templates", () => {
  it.each(["github.yml", "gitlab.yml", "github-class.yml"])(
    "%s: valid YAML, formats that exist, dockgrade from the project's own node_modules",
    async (name) => {
      const text = await read(name);
      expect(() => parse(text)).not.toThrow();
      expect(formatsIn(text).length).toBeGreaterThan(0);
      expect(formatsIn(text).filter((format) => !(format in reporters))).toEqual([]);
      // npx would fetch whatever the registry calls "dockgrade" when the install went wrong.
      expect(text).not.toMatch(/\bnpx\b/);
      expect(text).toMatch(/^\s*(- )?dockgrade (grade|merge) /m);
    },
  );

  it("github.yml is the workflow GitHub Classroom generates for autograding, on a maintained Node.js", async () => {
    const workflow = parse(await read("github.yml")) as Workflow;
    expect(workflow.name).toBe("Autograding Tests");
    expect(workflow.on).toEqual(expect.arrayContaining(["push", "repository_dispatch"]));
    expect(workflow.permissions).toEqual({ checks: "write", actions: "read", contents: "read" });
    expect(Object.keys(workflow.jobs)).toEqual(["run-autograding-tests"]);
    const job = workflow.jobs["run-autograding-tests"]!;
    expect(job["runs-on"]).toBe("ubuntu-latest");
    expect(job.if).toBe("github.actor != 'github-classroom[bot]'");
    const node = job.steps.find((step) => step.uses?.startsWith("actions/setup-node@"));
    expect(maintainedNode(node?.with?.["node-version"]), String(node?.with?.["node-version"])).toBe(true);
    // The reporter reads <RUNNER>_RESULTS for each runner id: the grading step's id, letters and digits only.
    const reporter = job.steps.find((step) => step.uses === "classroom-resources/autograding-grading-reporter@v1");
    const runner = String(reporter?.with?.runners);
    expect(runner).toMatch(/^[a-z0-9]+$/);
    expect(job.steps.some((step) => step.id === runner && step.run?.includes("dockgrade grade . ."))).toBe(true);
    expect(reporter?.env).toEqual({ [`${runner.toUpperCase()}_RESULTS`]: `\${{steps.${runner}.outputs.result}}` });
  });

  it("gitlab.yml grades through Docker-in-Docker on a maintained Node.js image", async () => {
    const job = (parse(await read("gitlab.yml")) as Record<string, GitlabJob>).dockgrade!;
    expect(job.image).toMatch(/^node:(\d+)-alpine$/);
    expect(maintainedNode(/^node:(\d+)/.exec(job.image)![1])).toBe(true);
    expect(job.services?.[0]).toMatch(/^docker:\d+-dind$/);
    expect(job.variables).toEqual({ DOCKER_HOST: "tcp://docker:2375", DOCKER_TLS_CERTDIR: "" });
    expect(job.script).toContain(
      "dockgrade grade . . --lang fr --format text --format junit-learner=dockgrade-junit.xml --format markdown=dockgrade.md",
    );
  });

  it("github-class.yml grades the i-th of N shards in each matrix job, then merges them", async () => {
    const workflow = parse(await read("github-class.yml")) as Workflow;
    expect(workflow.jobs.grade?.strategy?.matrix?.shard).toEqual([1, 2, 3, 4]);
    expect(workflow.jobs.gradebook?.needs).toBe("grade");
    const grading = workflow.jobs.grade!.steps.map((step) => step.run ?? "").join("\n");
    expect(grading).toContain("--shard ${{ matrix.shard }}/${{ strategy.job-total }}");
    const merging = workflow.jobs.gradebook!.steps.map((step) => step.run ?? "").join("\n");
    expect(merging).toContain("dockgrade merge shards/*.json");
  });

  it("README shows each template exactly as dockgrade ships it", async () => {
    const readme = await readFile("README.md", "utf8");
    for (const template of ["github.yml", "gitlab.yml", "github-class.yml"])
      expect(readme).toContain(await read(template));
  });
});
