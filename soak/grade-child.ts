import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SubmissionResult } from "../src/grading/result.js";
import { packageRoot } from "../src/package-root.js";

export interface GradeChild {
  exited: Promise<GradeRun>;
  startedAt: number;
}

export interface GradeRun {
  exitCode: number;
  wallMs: number;
  /** The child's peak resident memory (VmHWM, sampled from /proc while it runs), in MB. */
  peakRssMb: number;
  results: SubmissionResult[];
  stderr: string;
}

async function peakRss(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => undefined);
  const kb = status && /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : undefined;
}

/** `dockgrade grade <pack> <learners...>` as a user runs it, its memory sampled every 250 ms. */
export function gradeChild(args: string[], env: NodeJS.ProcessEnv, json: string): GradeChild {
  const startedAt = Date.now();
  const child = spawn(
    process.execPath,
    [join(packageRoot(), "dist/src/cli/main.js"), "grade", ...args, "--format", `json=${json}`, "--lang", "en"],
    { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  let peak = 0;
  const sampler = setInterval(async () => {
    const rss = child.pid ? await peakRss(child.pid) : undefined;
    if (rss) peak = Math.max(peak, rss);
  }, 250);
  const exited = new Promise<GradeRun>((resolve) => {
    child.on("close", async (code) => {
      clearInterval(sampler);
      const text = await readFile(json, "utf8").catch(() => '{"results":[]}');
      const { results } = JSON.parse(text) as { results: SubmissionResult[] };
      resolve({ exitCode: code ?? -1, wallMs: Date.now() - startedAt, peakRssMb: peak, results, stderr });
    });
  });
  return { exited, startedAt };
}
