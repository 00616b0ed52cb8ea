import { spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parse } from "yaml";

/** One job of a .gitlab-ci.yml, as the templates write it. */
export interface GitlabJob {
  image: string;
  services?: string[];
  variables?: Record<string, string>;
  before_script?: string[];
  script: string[];
  artifacts?: { when?: string; paths?: string[]; reports?: { junit?: string } };
}

export interface GitlabJobRun {
  succeeded: boolean;
  log: string;
  /** Artifact paths (paths and reports) that the job did not leave behind. */
  missingArtifacts: string[];
}

export async function readGitlabJob(file: string, name: string): Promise<GitlabJob> {
  const job = (parse(await readFile(file, "utf8")) as Record<string, GitlabJob>)[name];
  if (!job) throw new Error(`${file}: no job ${name}`);
  return job;
}

/**
 * Runs a GitLab job's `before_script` and `script` lines the way the runner does: one POSIX
 * shell script, stopping at the first failing line, with the job's variables (those in
 * `overrides` replace them: the Docker-in-Docker service's address becomes a real one). Lines
 * that `skip` matches (installing the image's packages) are left out: this machine has them.
 */
export async function runGitlabJob(
  job: GitlabJob,
  options: {
    workspace: string;
    overrides?: Record<string, string>;
    env?: NodeJS.ProcessEnv;
    skip?: (line: string) => boolean;
  },
): Promise<GitlabJobRun> {
  const lines = [...(job.before_script ?? []), ...job.script].filter((line) => !options.skip?.(line));
  const env = {
    ...(options.env ?? process.env),
    ...job.variables,
    ...options.overrides,
    CI: "true",
    GITLAB_CI: "true",
    CI_PROJECT_DIR: options.workspace,
  };
  const { code, log } = await new Promise<{ code: number; log: string }>((done) => {
    const child = spawn("sh", ["-e", "-c", lines.join("\n")], {
      cwd: options.workspace,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (exit) => done({ code: exit ?? 1, log: output }));
  });
  const wanted = [
    ...(job.artifacts?.paths ?? []),
    ...(job.artifacts?.reports?.junit ? [job.artifacts.reports.junit] : []),
  ];
  const missingArtifacts: string[] = [];
  for (const path of wanted)
    if (!(await stat(resolve(options.workspace, path)).catch(() => undefined))) missingArtifacts.push(path);
  return { succeeded: code === 0, log, missingArtifacts };
}
