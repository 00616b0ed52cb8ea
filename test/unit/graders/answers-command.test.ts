import { describe, expect, it } from "vitest";
import grader from "../../../graders/answers-command.js";
import { dockerHumanSize } from "../../../graders/support/answer-facts.js";
import type { ContainerState } from "../../../src/grading/context.js";
import { fakeContext, imageFacts } from "../../support/fake-context.js";

const state: ContainerState = { status: "running", running: true, exitCode: 0, health: "healthy", ipAddress: "172.17.0.3", startedAt: "", restartCount: 0, oomKilled: false };

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
  const options = { file: "reponses.yaml", question: "statut", fact: "container.status" as const };

  it("passes when the command prints the engine's truth", async () => {
    const outcome = await grader.run(options, contextAnswering("docker inspect -f '{{.State.Status}}' web", "running\n"));
    expect(outcome.status).toBe("pass");
  });

  it("fails a command that prints something else, with expected and actual", async () => {
    const outcome = await grader.run(options, contextAnswering("docker inspect -f '{{.State.Running}}' web", "true\n"));
    expect(outcome).toMatchObject({ status: "fail", expected: "running", actual: "true" });
  });

  it("fails a command that fails, and a missing answer", async () => {
    expect((await grader.run(options, contextAnswering("docker inspect -f '{{.State.Status}}' db", "Error: No such object: db", 1))).message.en).toContain("failed (exit 1)");
    const outcome = await grader.run({ ...options, question: "ip" }, contextAnswering("x", ""));
    expect(outcome.message.fr).toContain("Pas de réponse à « ip »");
  });

  it("checks processes by PID", async () => {
    const answer = "docker top web";
    const right = await grader.run({ ...options, fact: "container.processes" }, contextAnswering(answer, "UID PID PPID CMD\nroot 4242 1 python app.py\n"));
    expect(right.status).toBe("pass");
    const wrong = await grader.run({ ...options, fact: "container.processes" }, contextAnswering(answer, "UID PID CMD\nroot 1 sh\n"));
    expect(wrong.status).toBe("fail");
  });

  it("checks image layers by their sizes, one line each", async () => {
    const context = fakeContext({
      submissionFiles: { "reponses.yaml": "couches: docker history inspection:v1\n" },
      learnerCommands: {
        "docker history inspection:v1": { exitCode: 0, output: "IMAGE CREATED CREATED BY SIZE\nabc 1m COPY 147B\ndef 2m Imported 146MB\n" },
      },
      image: imageFacts({ id: "x", history: [{ createdBy: "COPY", sizeBytes: 147, isLayer: true }, { createdBy: "Imported", sizeBytes: 146e6, isLayer: true }] }),
    });
    expect((await grader.run({ file: "reponses.yaml", question: "couches", fact: "image.layers" }, context)).status).toBe("pass");
  });
});
