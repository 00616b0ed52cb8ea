import { describe, expect, it } from "vitest";
import { prepareDockerCommand } from "../../src/learner-commands/docker-command.js";
import { NameIsolation } from "../../src/runtime/name-isolation.js";

const prepare = (line: string, isolation = new NameIsolation("dockgrade-s1")) =>
  prepareDockerCommand(line.split(" "), isolation);

describe("prepareDockerCommand", () => {
  it("isolates the names a build writes and records what it asks", () => {
    const result = prepare("docker build -t mon-app:v1 --tag registry.example.com/mon-app:v1 -f Dockerfile .");
    expect(result).toEqual({
      ok: true,
      command: {
        subcommand: "build",
        argv: [
          "build",
          "-t",
          "dockgrade-s1/mon-app:v1",
          "--tag",
          "dockgrade-s1/registry.example.com/mon-app:v1",
          "-f",
          "Dockerfile",
          ".",
        ],
        paths: ["Dockerfile", "."],
        build: {
          tags: ["mon-app:v1", "registry.example.com/mon-app:v1"],
          dockerfile: "Dockerfile",
          context: ".",
          onlyTagsAndFile: true,
        },
      },
    });
  });

  it("reads the learner's own images in their namespace and others as they are", () => {
    const isolation = new NameIsolation("dockgrade-s1");
    prepare("docker build -t mon-app:v1 .", isolation);
    const tag = prepare("docker image tag mon-app:v1 mon-app:latest", isolation);
    expect(tag.ok && tag.command.argv).toEqual([
      "image",
      "tag",
      "dockgrade-s1/mon-app:v1",
      "dockgrade-s1/mon-app:latest",
    ]);
    const base = prepare("docker tag python:3.11-slim mon-app:base", isolation);
    expect(base.ok && base.command.argv).toEqual(["tag", "python:3.11-slim", "dockgrade-s1/mon-app:base"]);
    // Tags go through the engine's API: the engine-side names, nothing else.
    expect(tag.ok && tag.command.tag).toEqual({
      source: "dockgrade-s1/mon-app:v1",
      target: "dockgrade-s1/mon-app:latest",
    });
  });

  it("keeps --flag=value forms and marks builds with other options", () => {
    const result = prepare("docker build --tag=mon-app:v1 --no-cache .");
    expect(result.ok && result.command.argv).toEqual(["build", "--tag", "dockgrade-s1/mon-app:v1", "--no-cache", "."]);
    expect(result.ok && result.command.build?.onlyTagsAndFile).toBe(false);
  });

  it.each([
    ["ls -la", "seules les commandes `docker`"],
    ["docker -H tcp://evil:2375 images", "option globale"],
    ["docker run -v /:/host mon-app:v1", "n'est pas autorisé"],
    ["docker build -v /:/host .", "machine hôte"],
    ["docker build --network=host .", "machine hôte"],
    ["docker build --squash .", "inconnue ou non autorisée"],
    ["docker rmi python:3.11-slim", "seules les vôtres"],
    ["docker tag mon-app:v1", "argument manquant"],
    ["docker build -t", "attend une valeur"],
  ])("refuses `%s`", (line, reason) => {
    const result = prepare(line);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.fr).toContain(reason);
  });
});

describe("prepareDockerCommand for answers about a container", () => {
  const isolation = new NameIsolation("dockgrade-s1");
  isolation.bindContainer("web", "dockgrade-s1-main");

  it("maps the exercise's container name and keeps the learner's template", () => {
    const result = prepareDockerCommand(["docker", "inspect", "-f", "{{.State.Status}}", "web"], isolation);
    expect(result.ok && result.command.argv).toEqual(["inspect", "-f", "{{.State.Status}}", "dockgrade-s1-main"]);
    const logs = prepareDockerCommand(["docker", "container", "logs", "--timestamps", "web"], isolation);
    expect(logs.ok && logs.command.argv).toEqual(["container", "logs", "--timestamps", "dockgrade-s1-main"]);
    expect(isolation.restore("/dockgrade-s1-main running")).toBe("/web running");
  });

  it("refuses another container and a template that reads nothing", () => {
    const other = prepareDockerCommand(["docker", "top", "dockgrade-s2-main"], isolation);
    expect(!other.ok && other.reason.fr).toContain("aucun conteneur");
    const constant = prepareDockerCommand(["docker", "inspect", "--format=running", "web"], isolation);
    expect(!constant.ok && constant.reason.en).toContain("reads nothing");
  });

  it("keeps -f as a filter for images", () => {
    expect(prepareDockerCommand(["docker", "images", "-f", "dangling=true"], isolation).ok).toBe(true);
  });

  it("reads faithful forms of the read commands: ps options of top, --human=false, docker ps of the submission only", () => {
    const isolation = new NameIsolation("dockgrade-s1", "io.dockgrade.session=s1");
    isolation.bindContainer("web", "dockgrade-s1-main");
    const top = prepare("docker top web -eo pid,user,args", isolation);
    expect(top.ok && top.command.argv).toEqual(["top", "dockgrade-s1-main", "-eo", "pid,user,args"]);
    expect(prepare("docker top web $(id)", isolation).ok).toBe(false);
    const history = prepare("docker history --human=false mon-app:v1", isolation);
    expect(history.ok && history.command.argv).toEqual(["history", "--human=false", "mon-app:v1"]);
    const ps = prepare("docker ps --all --filter name=web --format {{.State}}", isolation);
    expect(ps.ok && ps.command.argv).toEqual([
      "ps",
      "--all",
      "--filter",
      "name=^/?dockgrade-s1-main$",
      "--format",
      "{{.State}}",
      "--filter",
      "label=io.dockgrade.session=s1",
    ]);
    expect(prepare("docker ps --filter name=db", isolation).ok).toBe(false);
    expect(prepare("docker ps --filter volume=x", isolation).ok).toBe(false);
    // Without a scope to list, no listing at all.
    expect(prepare("docker ps", new NameIsolation("dockgrade-s2")).ok).toBe(false);
  });
});
