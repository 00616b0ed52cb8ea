import { describe, expect, it } from "vitest";
import { parseLimitOverrides } from "../../src/cli/limit-overrides.js";

describe("--limit overrides", () => {
  it("reads name=value pairs and keeps only those given", () => {
    expect(parseLimitOverrides(["memoryMb=256", "buildSeconds=30"])).toEqual({ memoryMb: 256, buildSeconds: 30 });
  });

  it("refuses unknown names and bad values with a usage error", () => {
    expect(() => parseLimitOverrides(["memory=256"])).toThrow(/expected name=value with name one of .*memoryMb/);
    expect(() => parseLimitOverrides(["pids=-1"])).toThrow(/pids/);
  });
});
