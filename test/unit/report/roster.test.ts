import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { matchRoster, readRoster } from "../../../src/cli/roster.js";
import { UsageError } from "../../../src/errors.js";

async function rosterFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "dockgrade-roster-")), "roster.csv");
  await writeFile(path, text);
  return path;
}

// The header of GitHub Classroom's roster download (Students tab).
const CLASSROOM = [
  "identifier,github_username,github_id,name",
  '"Lefèvre, Zoé",zoe-l,1001,"Lefèvre, Zoé"',
  "20231234,bob,1002,Bob Martin",
  "20235678,jean-bob,1003,Jean Bob",
  "20239999,,,Ana Absente",
].join("\r\n");

describe("--roster", () => {
  it("reads GitHub Classroom's export (byte order mark, quotes, CRLF) and matches cloned repository folders", async () => {
    const entries = await readRoster(await rosterFile(`\uFEFF${CLASSROOM}\r\n`));
    expect(entries.map((entry) => [entry.id, entry.name, entry.githubUsername])).toEqual([
      ["Lefèvre, Zoé", "Lefèvre, Zoé", "zoe-l"],
      ["20231234", "Bob Martin", "bob"],
      ["20235678", "Jean Bob", "jean-bob"],
      ["20239999", "Ana Absente", undefined],
    ]);
    const { roster, unknown } = matchRoster(entries, ["tp3-Zoe-L", "bob", "tp3-jean-bob", "tp3-carol"]);
    expect(roster.byLearner.get("tp3-Zoe-L")?.id).toBe("Lefèvre, Zoé");
    expect(roster.byLearner.get("bob")?.id).toBe("20231234");
    // Both "bob" and "jean-bob" end the folder's name: the longer username is the student.
    expect(roster.byLearner.get("tp3-jean-bob")?.id).toBe("20235678");
    expect(unknown).toEqual(["tp3-carol"]);
    expect(roster.students).toHaveLength(4);
  });

  it("reads the simple folder,id,name form, columns in any order, extra columns ignored", async () => {
    const entries = await readRoster(await rosterFile("id,folder,name,email\ns1,alice,Alice A,a@x\ns2,bob,,\n"));
    const { roster, unknown } = matchRoster(entries, ["alice", "bob", "Alice"]);
    expect(roster.byLearner.get("alice")).toMatchObject({ id: "s1", name: "Alice A" });
    expect(roster.byLearner.get("bob")).toMatchObject({ id: "s2", name: "" });
    expect(unknown).toEqual(["Alice"]);
  });

  it("refuses, naming the file and line, a CSV that is no roster, a row with no id, a folder twice", async () => {
    await expect(readRoster("/nonexistent/roster.csv")).rejects.toThrow("--roster /nonexistent/roster.csv: not found");
    const notRoster = await rosterFile("learner,score\nalice,3\n");
    await expect(readRoster(notRoster)).rejects.toThrow(UsageError);
    await expect(readRoster(notRoster)).rejects.toThrow(/expected GitHub Classroom's roster/);
    await expect(readRoster(await rosterFile("folder,id\nalice,\n"))).rejects.toThrow(/roster\.csv:2: no id/);
    await expect(readRoster(await rosterFile("folder,id\nalice,1\nalice,2\n"))).rejects.toThrow(
      /roster\.csv:3: alice is already on line 2/,
    );
    await expect(readRoster(await rosterFile('folder,id\n"alice,1\n'))).rejects.toThrow(/not a CSV file/);
  });
});
