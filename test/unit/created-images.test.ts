import { describe, expect, it } from "vitest";
import { createdImageIds } from "../../src/runtime/created-images.js";

describe("createdImageIds", () => {
  it("keeps the images a build made, not its base image nor cached steps", () => {
    const log = [
      "Step 1/5 : FROM python:3.11-slim",
      " ---> 591fe86d039d",
      "Step 2/5 : WORKDIR /app",
      " ---> Using cache",
      " ---> 64c375451695",
      "Step 3/5 : RUN pip install flask",
      " ---> Running in 0a1b2c3d4e5f",
      "Removing intermediate container 0a1b2c3d4e5f",
      " ---> 41c4ff919a52",
      "Step 4/5 : COPY app.py .",
      " ---> bd1f0e25f1c0",
      "Step 5/5 : FROM busybox:1.36",
      " ---> a910217b304c",
    ];
    expect(createdImageIds(log)).toEqual(["41c4ff919a52", "bd1f0e25f1c0"]);
  });
});
