import { describe, expect, it } from "vitest";
import { isIdentical, mutantsOf } from "../../../src/authoring/mutants/catalogue.js";
import type { Mutant, SolutionFiles } from "../../../src/authoring/mutants/mutant.js";
import { mutationCounts } from "../../../src/authoring/mutation-score.js";

const DOCKERFILE = `FROM python:3.11-slim

WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt \\
 && useradd app
RUN echo one
RUN echo two
USER app
HEALTHCHECK --interval=2s \\
  CMD ["python", "-c", "print(1)"]
CMD ["python", "app.py"]
`;

function solution(extra: Record<string, string> = {}): SolutionFiles {
  const files = new Map(
    Object.entries({ Dockerfile: DOCKERFILE, "app.py": "print(1)\n", ...extra }).map(([path, text]) => [
      path,
      Buffer.from(text),
    ]),
  );
  return { files, dockerfile: "Dockerfile", answerFiles: [] };
}

const dockerfileOf = (mutant: Mutant) => String(mutant.edits.get("Dockerfile"));
const byName = (mutants: Mutant[], name: string) => {
  const found = mutants.find((mutant) => mutant.name === name);
  if (!found) throw new Error(`no mutant ${name} among ${mutants.map((m) => m.name).join(", ")}`);
  return found;
};

describe("the mutation catalogue", () => {
  const mutants = mutantsOf(solution());

  it("changes the FROM's tag: :latest, the full variant, the alpine variant", () => {
    expect(dockerfileOf(byName(mutants, "from-latest:line-1"))).toMatch(/^FROM python:latest\n/);
    expect(dockerfileOf(byName(mutants, "from-full-variant:line-1"))).toMatch(/^FROM python:3.11\n/);
    expect(dockerfileOf(byName(mutants, "from-alpine-variant:line-1"))).toMatch(/^FROM python:3.11-alpine\n/);
  });

  it("splits a RUN at its && and merges adjacent RUNs", () => {
    const split = dockerfileOf(byName(mutants, "split-run:line-5-1"));
    expect(split).toContain("RUN pip install --no-cache-dir -r requirements.txt\nRUN useradd app\n");
    const merged = dockerfileOf(byName(mutants, "merge-runs:line-7"));
    expect(merged).toContain("RUN echo one \\\n && echo two\nUSER app");
  });

  it("removes the HEALTHCHECK (its continuation lines too), or makes its probe always succeed", () => {
    expect(dockerfileOf(byName(mutants, "remove-healthcheck:line-10"))).not.toMatch(/HEALTHCHECK|print\(1\)/);
    expect(dockerfileOf(byName(mutants, "healthcheck-always-true:line-10"))).toContain(
      "HEALTHCHECK --interval=2s \\\n  CMD true\nCMD",
    );
  });

  it("drops USER, changes CMD, swaps adjacent instructions but never moves FROM", () => {
    expect(dockerfileOf(byName(mutants, "drop-user:line-9"))).not.toContain("USER");
    expect(dockerfileOf(byName(mutants, "change-cmd:line-12"))).toContain('CMD ["sleep", "infinity"]');
    expect(dockerfileOf(byName(mutants, "swap-instructions:lines-3-4"))).toContain("COPY . .\nWORKDIR /app\n");
    expect(mutants.some((mutant) => mutant.name === "drop-instruction:line-1")).toBe(false);
    // HEALTHCHECK and CMD only set configuration: their order changes nothing.
    expect(mutants.some((mutant) => mutant.name === "swap-instructions:lines-10-12")).toBe(false);
  });

  it("keeps one mutant per distinct result: dropping USER is not made twice", () => {
    expect(
      mutants.filter((mutant) => dockerfileOf(mutant) === dockerfileOf(byName(mutants, "drop-user:line-9"))),
    ).toHaveLength(1);
  });

  it("deletes each learner command and empties each answer, comments kept", () => {
    const files = solution({
      "commandes.sh": "# build\ndocker build -t a .\n\ndocker tag a b\n",
      "reponses.yaml": '# questions\nstatut: "docker ps"\nip: ""\n',
    });
    const learner = mutantsOf({ ...files, commandFile: "commandes.sh", answerFiles: ["reponses.yaml"] }, [
      "delete-command",
      "blank-answer",
    ]);
    expect(learner.map((mutant) => mutant.name)).toEqual([
      "delete-command:commandes.sh:2",
      "delete-command:commandes.sh:4",
      "blank-answer:reponses.yaml:statut",
    ]);
    expect(String(learner[0]!.edits.get("commandes.sh"))).toBe("# build\n\ndocker tag a b\n");
    expect(String(learner[2]!.edits.get("reponses.yaml"))).toBe('# questions\nstatut: ""\nip: ""\n');
  });

  it("deletes each file and adds one; knows when a mutant changes nothing", () => {
    const files = mutantsOf(solution(), ["delete-file", "add-file"]);
    expect(files.map((mutant) => mutant.name)).toEqual(["delete-file:Dockerfile", "delete-file:app.py", "add-file"]);
    const same: Mutant = { ...files[0]!, edits: new Map([["app.py", "print(1)\n"]]) };
    expect(isIdentical(same, solution())).toBe(true);
    expect(isIdentical(files[1]!, solution())).toBe(false);
  });

  it("refuses an unknown family by name", () => {
    expect(() => mutantsOf(solution(), ["drop-everything"])).toThrow(/unknown mutation drop-everything/);
  });
});

describe("the mutation score", () => {
  it("is killed / (killed + survived): mutants that did not build or change nothing do not count", () => {
    expect(mutationCounts(["killed", "killed", "killed", "survived", "not-built", "identical"])).toEqual({
      generated: 6,
      killed: 3,
      survived: 1,
      notBuilt: 1,
      identical: 1,
      errors: 0,
      score: 0.75,
    });
    expect(mutationCounts(["not-built"]).score).toBeUndefined();
  });
});
