import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { engineTcpProxy } from "../support/engine-tcp-proxy.js";
import { checkout, matrixOf, readWorkflow, runGithubJob, type JobRun } from "../support/github-actions-harness.js";
import { readGitlabJob, runGitlabJob } from "../support/gitlab-ci-harness.js";
import {
  copyAnswer,
  declaredFailures,
  expectedScore,
  installedBin,
  packedPackage,
  removeFiles,
  scratchFolder,
  seedNodeModules,
} from "../support/packed-package.js";
import { run, userEnv } from "../support/user-shell.js";

const bundled = (id: string) => join(packedPackage().installed, "node_modules/dockgrade/exercises", id);

/** A learner's repository as `dockgrade init --ci` makes it, dockgrade from the tarball, with `answer` in it. */
async function learnerRepository(id: string, ci: "github" | "gitlab", answer: string): Promise<string> {
  const { installed, tarball } = packedPackage();
  const workspace = join(await scratchFolder(ci), "depot");
  const init = await run(
    installedBin(installed),
    ["init", id, workspace, "--ci", ci, "--dockgrade-spec", `file:${tarball}`],
    installed,
  );
  expect(init.code, init.stderr).toBe(0);
  await copyAnswer(answer, workspace);
  await seedNodeModules(workspace);
  return workspace;
}

const logOf = (job: JobRun) =>
  job.steps.map((step) => `## ${step.name} (${step.status}, ${step.durationMs} ms)\n${step.log}`).join("\n");

interface ClassroomResult {
  status: string;
  max_score: number;
  tests: { name: string; status: string; score: number }[];
}

const decode = (result: string | undefined) =>
  JSON.parse(Buffer.from(result ?? "", "base64").toString("utf8")) as ClassroomResult;

describe("classroom workflows, their steps run as a runner runs them, against the packed tarball", () => {
  it("GitHub Classroom: full points for a correct answer, fewer and a failed job for the starter, no run for the bot's commit", async () => {
    const id = "03-images-conteneurs/01-tags";
    const workspace = await learnerRepository(id, "github", join(bundled(id), "solution"));
    const workflow = await readWorkflow(join(workspace, ".github/workflows/classroom.yml"));
    const options = { workspace, env: userEnv() };

    const passing = await runGithubJob(workflow, "run-autograding-tests", options);
    expect(passing.succeeded, logOf(passing)).toBe(true);
    const result = decode(passing.outputs.dockgrade?.result);
    expect(result.status).toBe("pass");
    expect(result.tests.reduce((sum, test) => sum + test.score, 0)).toBe(result.max_score);
    expect(result.max_score).toBeGreaterThan(0);
    expect(passing.notices).toEqual([`Points ${result.max_score}/${result.max_score}`]);
    expect(passing.summary).toContain(`${result.max_score}/${result.max_score}`);

    await removeFiles(workspace, await readdir(join(bundled(id), "solution")));
    await copyAnswer(join(bundled(id), "starter"), workspace);
    const failing = await runGithubJob(workflow, "run-autograding-tests", options);
    expect(failing.succeeded, logOf(failing)).toBe(false);
    expect(failing.steps.find((step) => step.name === "Autograding Reporter")?.status).toBe("failure");
    const starter = decode(failing.outputs.dockgrade?.result);
    expect(starter.status).toBe("fail");
    const points = starter.tests.reduce((sum, test) => sum + test.score, 0);
    expect(points).toBeLessThan(starter.max_score);
    expect(failing.notices).toEqual([`Points ${points}/${starter.max_score}`]);
    // The summary and the JUnit report are there for a failing answer too.
    expect(failing.steps.filter((step) => step.status === "success").map((step) => step.name)).toEqual(
      expect.arrayContaining(["Summary", "JUnit report"]),
    );

    const bot = await runGithubJob(workflow, "run-autograding-tests", { ...options, actor: "github-classroom[bot]" });
    expect(bot.ran).toBe(false);
  });

  it("GitLab CI: the job's script over DOCKER_HOST=tcp://… (Docker-in-Docker), HTTP and health checks included", async () => {
    const id = "03-images-conteneurs/04-sante";
    const workspace = await learnerRepository(id, "gitlab", join(bundled(id), "solution"));
    const job = await readGitlabJob(join(workspace, ".gitlab-ci.yml"), "dockgrade");
    expect(job.variables?.DOCKER_HOST).toMatch(/^tcp:\/\//);
    const proxy = await engineTcpProxy();
    try {
      // The service `docker` answers at the proxy; the image's packages (apk) are this machine's.
      const options = {
        workspace,
        env: userEnv(),
        overrides: { DOCKER_HOST: proxy.host },
        skip: (line: string) => line.startsWith("apk add"),
      };
      const passing = await runGitlabJob(job, options);
      expect(passing.succeeded, passing.log).toBe(true);
      expect(passing.missingArtifacts).toEqual([]);
      const junit = new XMLParser({ ignoreAttributes: false }).parse(
        await readFile(join(workspace, "dockgrade-junit.xml"), "utf8"),
      );
      expect(junit.testsuites["@_failures"]).toBe("0");
      expect(junit.testsuites["@_errors"]).toBe("0");
      const full = await expectedScore(bundled(id), []);
      // The job grades with --lang fr.
      expect(passing.log).toContain(`Score : ${full.max}/${full.max}`);

      await removeFiles(workspace, await readdir(join(bundled(id), "solution")));
      await copyAnswer(join(bundled(id), "fixtures/mauvaise-route"), workspace);
      const failing = await runGitlabJob(job, options);
      expect(failing.succeeded, failing.log).toBe(false);
      expect(failing.missingArtifacts).toEqual([]);
      expect(await readFile(join(workspace, "dockgrade-junit.xml"), "utf8")).toContain("detecte-panne");
      const fails = await declaredFailures(join(bundled(id), "fixtures/mauvaise-route"));
      const partial = await expectedScore(bundled(id), fails);
      expect(failing.log).toContain(`Score : ${partial.score}/${partial.max}`);
    } finally {
      await proxy.close();
    }
  });

  it("a class on a GitHub Actions matrix: N=2 shards, then one merged gradebook artifact", async () => {
    const { tarball } = packedPackage();
    const id = "03-images-conteneurs/01-tags";
    const repository = join(await scratchFolder("class"), "depot");
    const learners = {
      alice: "solution",
      bob: "fixtures/tag-oublie",
      carol: "fixtures/trop-de-couches",
      dave: "solution",
    };
    for (const [learner, answer] of Object.entries(learners))
      await cp(join(bundled(id), answer), join(repository, "classe", learner), { recursive: true });
    await writeFile(
      join(repository, "package.json"),
      `${JSON.stringify({ private: true, devDependencies: { dockgrade: `file:${tarball}` } }, null, 2)}\n`,
    );
    await mkdir(join(repository, ".github/workflows"), { recursive: true });
    await cp(
      join(packedPackage().installed, "node_modules/dockgrade/src/cli/ci-templates/github-class.yml"),
      join(repository, ".github/workflows/dockgrade-class.yml"),
    );
    const workflow = await readWorkflow(join(repository, ".github/workflows/dockgrade-class.yml"));
    expect(workflow.env?.EXERCISE).toBe(id);
    workflow.jobs.grade!.strategy!.matrix!.shard = [1, 2];
    const artifacts = join(repository, "..", "artifacts");
    const jobs = join(repository, "..", "jobs");

    const shards = matrixOf(workflow.jobs.grade!);
    const graded: string[][] = [];
    for (const matrix of shards) {
      const workspace = await checkout(repository, join(jobs, `grade-${matrix.shard}`));
      await seedNodeModules(workspace);
      const shard = await runGithubJob(workflow, "grade", {
        workspace,
        matrix,
        jobTotal: shards.length,
        artifacts,
        env: userEnv(),
      });
      expect(shard.succeeded, logOf(shard)).toBe(true);
      const results = JSON.parse(
        await readFile(join(artifacts, `results-${matrix.shard}`, `results-${matrix.shard}.json`), "utf8"),
      ) as { results: { learner: string }[] };
      graded.push(results.results.map((result) => result.learner));
    }
    expect(graded.flat().sort()).toEqual(Object.keys(learners));
    expect(graded.every((learnersOfShard) => learnersOfShard.length === 2)).toBe(true);

    const workspace = await checkout(repository, join(jobs, "gradebook"));
    await seedNodeModules(workspace);
    const merge = await runGithubJob(workflow, "gradebook", { workspace, artifacts, env: userEnv() });
    expect(merge.succeeded, logOf(merge)).toBe(true);
    expect((await readdir(join(artifacts, "gradebook"))).sort()).toEqual([
      "gradebook.csv",
      "gradebook.html",
      "gradebook.json",
    ]);
    const rows = parseCsv(await readFile(join(artifacts, "gradebook", "gradebook.csv"), "utf8"), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    const expected = await Promise.all(
      Object.entries(learners).map(async ([learner, answer]) => {
        const fails = answer === "solution" ? [] : await declaredFailures(join(bundled(id), answer));
        const { score, max } = await expectedScore(bundled(id), fails);
        return [learner, String(score), String(max)];
      }),
    );
    expect(rows.map((row) => [row.learner, row[id], row.max_total])).toEqual(expected);
    // Different scores, so that a row given another learner's points cannot pass.
    expect(new Set(expected.map((row) => row[1])).size).toBe(3);
    expect(merge.summary).toContain("alice");
  });
});
