import { describe, expect, it } from "vitest";
import grader from "../../../graders/dockerfile-base-pinned.js";
import { fakeContext } from "../../support/fake-context.js";

const grade = (dockerfile: string, variants?: string[]) => grader.run({ variants }, fakeContext({ dockerfile }));

describe("dockerfile.base-pinned", () => {
  it.each([
    "FROM python:3.11-slim",
    "FROM python@sha256:0123456789abcdef",
    "FROM python:3.11 AS build\nRUN true\nFROM build",
    "FROM localhost:5000/python:3.11",
  ])("passes %j", async (dockerfile) => {
    expect((await grade(dockerfile)).status).toBe("pass");
  });

  it.each([
    ["FROM python", "n'a pas de tag"],
    ["FROM python:latest", "`latest`"],
    ["FROM python:slim", "aucun numéro de version"],
    ["FROM python:3.11-slim AS a\nFROM node", "ligne 2"],
  ])("fails %j, naming the line", async (dockerfile, reason) => {
    const outcome = await grade(dockerfile);
    expect(outcome.status).toBe("fail");
    expect(outcome.message.fr).toContain(reason);
  });

  it("checks the allowed variants", async () => {
    expect((await grade("FROM python:3.11-alpine", ["slim", "alpine"])).status).toBe("pass");
    const outcome = await grade("FROM python:3.11", ["slim", "alpine"]);
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("variant must be one of slim, alpine");
  });
});
