import { describe, expect, it } from "vitest";
import grader from "../../../graders/image-command.js";
import { fakeContext } from "../../support/fake-context.js";

const options = { command: ["python", "-c", "import petitcadre"], exitCode: 0, timeoutSeconds: 30 };

describe("image.command", () => {
  it("passes when the command, run in a new container of the image, exits as expected", async () => {
    const context = fakeContext({
      oneOffCommands: { "python -c import petitcadre": { exitCode: 0, stdout: "", stderr: "", timedOut: false } },
    });
    expect((await grader.run(options, context)).status).toBe("pass");
  });

  it("fails with the output, saying it ran in a new container of the image", async () => {
    const context = fakeContext({
      oneOffCommands: {
        "python -c import petitcadre": {
          exitCode: 1,
          stdout: "",
          stderr: "ModuleNotFoundError: No module named 'petitcadre'",
          timedOut: false,
        },
      },
    });
    const outcome = await grader.run(options, context);
    expect(outcome).toMatchObject({ status: "fail", expected: "exit 0", actual: "exit 1" });
    expect(outcome.message.fr).toContain("dans un nouveau conteneur de l'image");
    expect(outcome.message.en).toContain("No module named 'petitcadre'");
  });
});

describe("image.command env and expandEnv", () => {
  it("passes its variables to the new container", async () => {
    const oneOffRuns: { argv: string[]; env?: Record<string, string> }[] = [];
    const context = fakeContext({
      oneOffCommands: { "printenv GREETING": { exitCode: 0, stdout: "bonjour\n", stderr: "", timedOut: false } },
      oneOffRuns,
    });
    const outcome = await grader.run(
      {
        command: ["printenv", "GREETING"],
        env: { GREETING: "bonjour" },
        stdout: "^bonjour$",
        exitCode: 0,
        timeoutSeconds: 30,
      },
      context,
    );
    expect(outcome.status).toBe("pass");
    expect(oneOffRuns[0]?.env).toEqual({ GREETING: "bonjour" });
  });

  it("replaces $NAME and ${NAME} from the image's ENV, unset names with nothing, as container-structure-test does", async () => {
    const oneOffRuns: { argv: string[] }[] = [];
    const context = fakeContext({
      image: {
        id: "sha256:1",
        sizeBytes: 1,
        layers: [],
        history: [],
        config: {
          env: ["PATH=/usr/bin:/bin", "APP_HOME=/srv/app"],
          labels: {},
          exposedPorts: [],
          user: "",
          workdir: "",
          cmd: null,
          entrypoint: null,
          volumes: [],
          healthcheck: null,
        },
      },
      oneOffRuns,
    });
    await grader.run(
      {
        command: ["ls", "${APP_HOME}/x", "$PATH", "$UNSET.", "$(pwd)", "cost$"],
        expandEnv: true,
        exitCode: 0,
        timeoutSeconds: 30,
      },
      context,
    );
    expect(oneOffRuns[0]?.argv).toEqual(["ls", "/srv/app/x", "/usr/bin:/bin", ".", "$(pwd)", "cost$"]);
  });
});
