import { describe, expect, it } from "vitest";
import { failureDetectionBudgetMs } from "../../../graders/container-health.js";

describe("container.health failure-detection budget", () => {
  it("follows the image's healthcheck timing", () => {
    expect(failureDetectionBudgetMs({ test: ["CMD", "true"], intervalNs: 2e9, timeoutNs: 2e9, retries: 2 })).toBe(15_000);
  });

  it("uses Docker's defaults when the image leaves them unset", () => {
    expect(failureDetectionBudgetMs({ test: ["CMD", "true"] })).toBe(243_000);
  });
});
