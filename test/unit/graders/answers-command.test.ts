import { describe, expect, it } from "vitest";
import grader from "../../../graders/answers-command.js";
import { dockerHumanSize } from "../../../graders/support/answer-facts.js";
import type { ContainerState } from "../../../src/grading/context.js";
import { fakeContext, imageFacts } from "../../support/fake-context.js";

const state: ContainerState = {
  status: "running",
  running: true,
  exitCode: 0,
  health: "healthy",
  ipAddress: "172.17.0.3",
  startedAt: "",
  restartCount: 0,
  oomKilled: false,
};

function contextAnswering(answer: string, output: string, exitCode = 0) {
  return fakeContext({
    submissionFiles: { "reponses.yaml": `statut: ${JSON.stringify(answer)}\n` },
    learnerCommands: { [answer]: { exitCode, output } },
    container: {
      state: async () => state,
      processes: async () => ({ titles: ["UID", "PID", "CMD"], processes: [["root", "4242", "python app.py"]] }),
    },
  });
}

describe("dockerHumanSize", () => {
  it.each([
    [0, "0B"],
    [3, "3B"],
    [12_345, "12.3kB"],
    [146_000_000, "146MB"],
    [1_500_000, "1.5MB"],
  ])("%d bytes → %s", (bytes, text) => expect(dockerHumanSize(bytes)).toBe(text));
});

describe("answers.command", () => {
  // The other state is tested on its own below.
  const options = { file: "reponses.yaml", question: "statut", fact: "container.status" as const, otherState: false };

  it("passes when the command prints the engine's truth", async () => {
    const outcome = await grader.run(
      options,
      contextAnswering("docker inspect -f '{{.State.Status}}' web", "running\n"),
    );
    expect(outcome.status).toBe("pass");
  });

  it("fails a command that prints something else, with expected and actual", async () => {
    const outcome = await grader.run(options, contextAnswering("docker inspect -f '{{.State.Running}}' web", "true\n"));
    expect(outcome).toMatchObject({ status: "fail", expected: "running", actual: "true" });
  });

  it("fails a command that fails, and a missing answer", async () => {
    expect(
      (
        await grader.run(
          options,
          contextAnswering("docker inspect -f '{{.State.Status}}' db", "Error: No such object: db", 1),
        )
      ).message.en,
    ).toContain("failed (exit 1)");
    const outcome = await grader.run({ ...options, question: "ip" }, contextAnswering("x", ""));
    expect(outcome.message.fr).toContain("Pas de réponse à « ip »");
  });

  it("checks processes by PID", async () => {
    const answer = "docker top web";
    const right = await grader.run(
      { ...options, fact: "container.processes" },
      contextAnswering(answer, "UID PID PPID CMD\nroot 4242 1 python app.py\n"),
    );
    expect(right.status).toBe("pass");
    const wrong = await grader.run(
      { ...options, fact: "container.processes" },
      contextAnswering(answer, "UID PID CMD\nroot 1 sh\n"),
    );
    expect(wrong.status).toBe("fail");
  });

  it("checks image layers by their sizes, one line each", async () => {
    const context = fakeContext({
      submissionFiles: { "reponses.yaml": "couches: docker history inspection:v1\n" },
      learnerCommands: {
        "docker history inspection:v1": {
          exitCode: 0,
          output: "IMAGE CREATED CREATED BY SIZE\nabc 1m COPY 147B\ndef 2m Imported 146MB\n",
        },
      },
      image: imageFacts({
        id: "x",
        history: [
          { createdBy: "COPY", sizeBytes: 147, isLayer: true },
          { createdBy: "Imported", sizeBytes: 146e6, isLayer: true },
        ],
      }),
    });
    expect(
      (
        await grader.run(
          { file: "reponses.yaml", question: "couches", fact: "image.layers", otherState: false },
          context,
        )
      ).status,
    ).toBe("pass");
  });

  it.each([
    ["a JSON-quoted word", '"running"\n'],
    ["surrounding spaces and no newline", "  running "],
    ["another case", "RUNNING\n"],
  ])("reads a single value as an instructor would: %s", async (_, output) => {
    const answer = "docker inspect -f '{{json .State.Status}}' web";
    expect((await grader.run(options, contextAnswering(answer, output))).status).toBe("pass");
  });

  it("accepts layer sizes in bytes (--human=false) as well as docker's human sizes", async () => {
    const history = [
      { createdBy: "COPY", sizeBytes: 147, isLayer: true },
      { createdBy: "Imported", sizeBytes: 146_123_456, isLayer: true },
    ];
    const answer = "docker history --human=false inspection:v1";
    const context = fakeContext({
      submissionFiles: { "reponses.yaml": `couches: ${answer}\n` },
      learnerCommands: {
        [answer]: { exitCode: 0, output: "IMAGE CREATED BY SIZE\nabc COPY 147\ndef Imported 146123456\n" },
      },
      image: imageFacts({ id: "x", history }),
    });
    const layers = { file: "reponses.yaml", question: "couches", fact: "image.layers" as const, otherState: false };
    expect((await grader.run(layers, context)).status).toBe("pass");
  });
});

describe("answers.command: what a list answer must say", () => {
  const judge = async (fact: "container.processes" | "image.layers" | "container.logs-timestamps", output: string) => {
    const answer = "docker the-answer web";
    const context = fakeContext({
      submissionFiles: { "reponses.yaml": `q: ${answer}\n` },
      learnerCommands: { [answer]: { exitCode: 0, output } },
      container: {
        processes: async () => ({ titles: ["UID", "PID", "CMD"], processes: [["root", "4242", "python app.py"]] }),
        logs: async () => [{ stream: "stdout" as const, timestamp: "2026-12-01T10:00:00.1Z", text: "démarrage" }],
      },
      image: imageFacts({
        id: "x",
        history: [
          {
            id: "sha256:0123456789abcdef",
            createdBy: '/bin/sh -c #(nop)  CMD ["python" "app.py"]',
            sizeBytes: 0,
            isLayer: false,
          },
          { id: "<missing>", createdBy: "/bin/sh -c #(nop) COPY file:abc in /app", sizeBytes: 147, isLayer: true },
        ],
      }),
    });
    return (await grader.run({ file: "reponses.yaml", question: "q", fact, otherState: false }, context)).status;
  };

  it("names each process: its PID alone is not enough", async () => {
    expect(await judge("container.processes", "4242\n")).toBe("fail");
    expect(await judge("container.processes", "PID USER COMMAND\n4242 root python app.py\n")).toBe("pass");
  });

  it("names each layer with its size: sizes alone are not enough", async () => {
    expect(await judge("image.layers", "0B\n147B\n")).toBe("fail");
    const history =
      'IMAGE CREATED BY SIZE\n0123456789ab /bin/sh -c #(nop)  CMD ["python" "app.py"] 0B\n<missing> /bin/sh -c #(nop) COPY file:abc in /app 147B\n';
    expect(await judge("image.layers", history)).toBe("pass");
  });

  it("reads timestamped lines whatever the spacing (--details adds a space)", async () => {
    expect(await judge("container.logs-timestamps", "2026-12-01T10:00:00.1Z  démarrage\n")).toBe("pass");
    expect(await judge("container.logs-timestamps", "démarrage\n")).toBe("fail");
  });
});

describe("answers.command in another state", () => {
  const options = { file: "reponses.yaml", question: "statut", fact: "container.status" as const, otherState: true };
  const created: ContainerState = { ...state, status: "created", running: false, ipAddress: "" };

  function twoStates(answer: string, live: string, other: string) {
    return fakeContext({
      submissionFiles: { "reponses.yaml": `statut: ${JSON.stringify(answer)}\n` },
      learnerCommands: { [answer]: { exitCode: 0, output: live } },
      container: { state: async () => state },
      otherStates: {
        "never-started": {
          container: { state: async () => created },
          learnerCommands: { [answer]: { exitCode: 0, output: other } },
        },
      },
    });
  }

  it("passes a command that reads the state: it prints each state's own truth", async () => {
    const answer = "docker inspect -f '{{.State.Status}}' web";
    expect((await grader.run(options, twoStates(answer, "running\n", "created\n"))).status).toBe("pass");
  });

  it("fails a command that prints the same text whatever the state, saying so", async () => {
    const answer = "docker inspect -f '{{if .Id}}running{{end}}' web";
    const outcome = await grader.run(options, twoStates(answer, "running\n", "running\n"));
    expect(outcome).toMatchObject({ status: "fail", expected: "created", actual: "running" });
    expect(outcome.message.fr).toContain("jamais démarré");
    expect(outcome.message.en).toContain("not print fixed text");
  });
});
