import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CI_REPORT_FILES, WORKSPACE_MACHINERY } from "./workspace-files.js";

const DOCKERIGNORE_HEADER =
  "# L'espace de travail (npm, vitest, git, CI, rapports) n'a rien à faire dans l'image.\n" +
  "# The workspace's own files (npm, vitest, git, CI, reports) do not belong in the image.";

const GITIGNORE = [
  "# Produit par npm et par la correction : à ne pas committer. / Made by npm and grading: not committed.",
  "node_modules/",
  ".dockgrade/",
  ...CI_REPORT_FILES,
  "",
].join("\n");

/** Lines of `text` that are patterns (not comments, not blank), trimmed. */
function patterns(text: string): Set<string> {
  return new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#")),
  );
}

/**
 * The workspace's `.dockerignore`: the starter's own patterns, if it has some, followed by every
 * machinery name it does not list yet, so that `COPY . .` sends only the learner's answer.
 */
export async function writeWorkspaceDockerignore(workspace: string): Promise<void> {
  const file = join(workspace, ".dockerignore");
  const existing = await readFile(file, "utf8").catch(() => "");
  const listed = patterns(existing);
  const missing = WORKSPACE_MACHINERY.filter((name) => !listed.has(name) && !listed.has(`${name}/`));
  if (missing.length === 0) return;
  const before = existing && !existing.endsWith("\n") ? `${existing}\n` : existing;
  await writeFile(file, `${before}${before ? "\n" : ""}${DOCKERIGNORE_HEADER}\n${missing.join("\n")}\n`);
}

/** The workspace's `.gitignore`: what npm and grading write, after the starter's own lines. */
export async function writeWorkspaceGitignore(workspace: string): Promise<void> {
  const file = join(workspace, ".gitignore");
  const existing = await readFile(file, "utf8").catch(() => "");
  const before = existing && !existing.endsWith("\n") ? `${existing}\n` : existing;
  await writeFile(file, `${before}${GITIGNORE}`);
}
