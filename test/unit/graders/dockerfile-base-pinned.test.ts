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
    // Docker's own reading: build arguments with defaults, any case, --platform, continuations.
    "ARG PYTHON_VERSION=3.11\nFROM python:${PYTHON_VERSION}-slim",
    'ARG V="3.11"\nARG IMAGE=python:$V\nfrom --platform=$BUILDPLATFORM ${IMAGE} as build\nFROM BUILD',
    "ARG TAG\nFROM python:${TAG:-3.11-slim}",
    "# escape=`\nFROM python:3.11-slim `\n  AS app",
    "FROM \\\n  python:3.11",
  ])("passes %j", async (dockerfile) => {
    expect((await grade(dockerfile)).status).toBe("pass");
  });

  it.each([
    ["FROM python", "n'a pas de tag"],
    ["FROM python:latest", "`latest`"],
    ["FROM python:slim", "aucun numéro de version"],
    ["FROM python:3.11-slim AS a\nFROM node", "ligne 2"],
    ["ARG VERSION=latest\nFROM python:${VERSION}", "`latest`"],
    ["ARG VERSION\nFROM python:${VERSION}", "n'a pas de valeur par défaut"],
    ["FROM python:${VERSION}-slim", "`VERSION`"],
    // An ARG after the first FROM is not in scope of a later FROM.
    ["FROM python:3.11-slim AS a\nARG V=3.11\nFROM python:$V", "ligne 3"],
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
    // The variant is the delivered image's: a throw-away stage may use the full image.
    const builder = "FROM python:3.11 AS verification\nRUN true\nFROM python:3.11-slim\nCOPY --from=verification / /x";
    expect((await grade(builder, ["slim", "alpine"])).status).toBe("pass");
    expect((await grade("FROM python:3.11-slim AS a\nFROM python:3.11\n", ["slim"])).status).toBe("fail");
  });
});
