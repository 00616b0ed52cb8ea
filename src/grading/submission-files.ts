import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { readDockerfile, type DockerfileState } from "../dockerfile/read-dockerfile.js";
import { CheckSkipped, type DockerfileContext, type DockerfileModel } from "./context.js";

/** The submission's own files: its Dockerfile, read once, and the text files checks ask for. */
export class SubmissionFiles implements DockerfileContext {
  constructor(
    readonly submissionDir: string,
    private readonly state: DockerfileState,
  ) {}

  static async read(submissionDir: string, dockerfile: string): Promise<SubmissionFiles> {
    const dir = resolve(submissionDir);
    return new SubmissionFiles(dir, await readDockerfile(resolve(dir, dockerfile), dockerfile));
  }

  dockerfile(): DockerfileModel {
    if ("problem" in this.state) throw new CheckSkipped(this.state.problem);
    return this.state.model;
  }

  async readSubmissionFile(path: string): Promise<string | undefined> {
    const target = resolve(this.submissionDir, path);
    if (relative(this.submissionDir, target).startsWith("..")) return undefined;
    return readFile(target, "utf8").catch(() => undefined);
  }
}
