import cliProgress from "cli-progress";
import { basename } from "node:path";
import { formatDuration } from "../format.js";
import type { SubmissionResult } from "../grading/result.js";

export interface BatchProgress {
  started(submission: string): void;
  finished(result: SubmissionResult, done: number, total: number): void;
  stop(): void;
}

/** A bar with the current learner and an ETA on a terminal; one plain line per learner otherwise (CI logs). */
export function batchProgress(total: number, stream: NodeJS.WriteStream): BatchProgress {
  if (!stream.isTTY) {
    return {
      started: () => {},
      finished: (result, done) =>
        stream.write(
          `[${done}/${total}] ${result.submission}: ${result.score}/${result.maxScore} ${result.status} (${formatDuration(result.durationMs)})\n`,
        ),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{bar} {value}/{total} | ETA {eta_formatted} | {learner}",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const running = new Set<string>();
  bar.start(total, 0, { learner: "" });
  return {
    started: (submission) => {
      running.add(basename(submission));
      bar.update({ learner: [...running].join(", ") });
    },
    finished: (result, done) => {
      running.delete(basename(result.submission));
      bar.update(done, { learner: [...running].join(", ") });
    },
    stop: () => bar.stop(),
  };
}
