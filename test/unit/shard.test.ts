import { describe, expect, it } from "vitest";
import { parseShard, takeShard } from "../../src/cli/shard.js";

describe("--shard", () => {
  it("splits a class into disjoint slices that cover it", () => {
    const learners = ["a", "b", "c", "d", "e", "f", "g"];
    const slices = [1, 2, 3].map((index) => takeShard(learners, parseShard(`${index}/3`)));
    expect(slices).toEqual([
      ["a", "d", "g"],
      ["b", "e"],
      ["c", "f"],
    ]);
    expect(slices.flat().sort()).toEqual(learners);
  });

  it.each(["0/3", "4/3", "1/0", "2", "a/b"])("refuses %s", (value) => {
    expect(() => parseShard(value)).toThrow(/expected i\/n/);
  });
});
