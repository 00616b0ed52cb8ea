import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandSubmissionFolders } from "../../src/cli/submission-folders.js";

async function classFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "dockgrade-class-"));
  for (const learner of ["bob", "alice"]) {
    await mkdir(join(root, learner, "01-tags"), { recursive: true });
    await writeFile(join(root, learner, "01-tags", "Dockerfile"), "FROM scratch\n");
  }
  return root;
}

describe("expandSubmissionFolders", () => {
  it("takes a folder of folders as a class, one submission per folder, in name order", async () => {
    const root = await classFolder();
    const { submissions } = await expandSubmissionFolders([root]);
    expect(submissions.map((submission) => submission.dir)).toEqual([join(root, "alice"), join(root, "bob")]);
  });

  it("keeps a learner's folder of a pack whole when told it is one submission", async () => {
    const root = await classFolder();
    const isLearner = (names: string[]) => names.includes("01-tags");
    const { submissions } = await expandSubmissionFolders([join(root, "alice"), join(root, "bob")], isLearner);
    expect(submissions.map((submission) => submission.dir)).toEqual([join(root, "alice"), join(root, "bob")]);
    // Without being told, alice's folder would be a class whose learner is `01-tags`.
    expect(
      (await expandSubmissionFolders([join(root, "alice")])).submissions.map((submission) => submission.dir),
    ).toEqual([join(root, "alice", "01-tags")]);
  });

  it("takes a folder holding files as one submission", async () => {
    const root = await classFolder();
    const { submissions } = await expandSubmissionFolders([join(root, "alice", "01-tags")]);
    expect(submissions).toEqual([{ dir: join(root, "alice", "01-tags") }]);
  });
});
