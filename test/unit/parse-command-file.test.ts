import { describe, expect, it } from "vitest";
import { parseCommandFile, splitArgv } from "../../src/learner-commands/parse-command-file.js";

describe("splitArgv", () => {
  it("splits words and keeps quoted text whole, without interpreting it", () => {
    expect(splitArgv(`docker inspect -f '{{.State.Health.Status}}' web`)).toEqual([
      "docker",
      "inspect",
      "-f",
      "{{.State.Health.Status}}",
      "web",
    ]);
    expect(splitArgv(`docker images --format "{{.Repository}}:{{.Tag}}"`)).toEqual([
      "docker",
      "images",
      "--format",
      "{{.Repository}}:{{.Tag}}",
    ]);
    expect(splitArgv(`docker tag a\\ b c`)).toEqual(["docker", "tag", "a b", "c"]);
    expect(splitArgv(`echo '$(id)'`)).toEqual(["echo", "$(id)"]);
  });

  it.each([
    ["docker build -t a . ; rm -rf /", "`;`"],
    ["docker images | grep a", "`|`"],
    ["docker build . && echo ok", "`&`"],
    ["docker images > /etc/passwd", "`>`"],
    ["docker tag $(whoami) b", "$..."],
    ["docker tag `whoami` b", "`...`"],
    ['docker tag "$HOME" b', "$..."],
  ])("refuses %s", (line, shown) => {
    const [parsed] = parseCommandFile(line);
    expect(parsed && "refused" in parsed && parsed.refused.fr).toContain(shown);
  });
});

describe("parseCommandFile", () => {
  it("drops comments, blank lines and `set -e`, joins continuations, keeps line numbers", () => {
    const lines = parseCommandFile(
      "#!/bin/sh\nset -euo pipefail\n\n# build\ndocker build \\\n  -t mon-app:v1 .  # v1\ndocker tag mon-app:v1 mon-app:latest\r\n",
    );
    expect(lines).toEqual([
      { line: 5, text: "docker build    -t mon-app:v1 .  # v1", argv: ["docker", "build", "-t", "mon-app:v1", "."] },
      {
        line: 7,
        text: "docker tag mon-app:v1 mon-app:latest",
        argv: ["docker", "tag", "mon-app:v1", "mon-app:latest"],
      },
    ]);
  });

  it("reports an unclosed quote", () => {
    const [line] = parseCommandFile(`docker inspect -f '{{.Id}} x`);
    expect(line && "refused" in line && line.refused.en).toContain("unclosed");
  });
});
