/** What a classic-builder build made, as its log shows it step by step. */
export type BuildStep =
  /** ` ---> Running in <id>`: the step's container, not labelled (build labels come last). */
  | { kind: "container"; id: string }
  /**
   * ` ---> <id>` after a step that ran: an image this build created. `own` from the first dockgrade
   * LABEL step on (this session's alone), otherwise build cache another session may build on.
   */
  | { kind: "image"; id: string; own: boolean };

/**
 * Reads a classic-builder log line by line, as it streams, and says what each line created. The
 * ` ---> <id>` after a FROM step is the base image and the one after ` ---> Using cache` existed
 * before: neither was made by this build.
 */
export class BuildStepReader {
  /** Images made before the first dockgrade LABEL step (shared cache), then from it on (own). */
  readonly created: { own: string[]; shared: string[] } = { own: [], shared: [] };
  /** The image the last stage was built from, as the builder resolved its FROM (short id). */
  baseImageId?: string;
  private stepIsFrom = false;
  private labelled = false;
  private previous = "";
  private partial = "";

  constructor(private readonly onStep?: (step: BuildStep) => void) {}

  /** One line of the log (no line break). */
  line(line: string): void {
    const step = /^Step \d+\/\d+ : (\w+)(.*)$/.exec(line);
    if (step) {
      const instruction = step[1]!.toUpperCase();
      this.stepIsFrom = instruction === "FROM";
      // A new stage starts unlabelled: only the last stage gets the build labels.
      if (this.stepIsFrom) this.labelled = false;
      if (instruction === "LABEL" && /^\s*"?io\.dockgrade\./.test(step[2]!)) this.labelled = true;
    }
    const running = /^ ---> Running in ([0-9a-f]{12})$/.exec(line)?.[1];
    if (running) this.onStep?.({ kind: "container", id: running });
    const id = /^ ---> ([0-9a-f]{12})$/.exec(line)?.[1];
    if (id && this.stepIsFrom) {
      this.baseImageId = id;
      this.stepIsFrom = false;
    } else if (id && this.previous !== " ---> Using cache") {
      (this.labelled ? this.created.own : this.created.shared).push(id);
      this.onStep?.({ kind: "image", id, own: this.labelled });
    }
    this.previous = line;
  }

  /** A chunk of a stream (the docker client's output): whole lines are read, the rest waits for more. */
  chunk(text: string): void {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.line(line.replace(/\r$/, ""));
  }

  /** The last line, when the stream ended without a line break. */
  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = "";
  }
}
