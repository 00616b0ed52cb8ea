import { describe, expect, it } from "vitest";
import { createdImageIds } from "../../src/runtime/created-images.js";

describe("createdImageIds", () => {
  it("keeps the images a build made, not its base image nor cached steps, and tells the session's own", () => {
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
      "Step 5/7 : FROM busybox:1.36",
      " ---> a910217b304c",
      "Step 6/7 : RUN true",
      " ---> Running in 1a2b3c4d5e6f",
      " ---> 111111111111",
      "Step 7/7 : LABEL \"io.dockgrade.build\"='s1'",
      " ---> Running in 2a2b3c4d5e6f",
      " ---> 222222222222",
    ];
    expect(createdImageIds(log)).toEqual({
      shared: ["41c4ff919a52", "bd1f0e25f1c0", "111111111111"],
      own: ["222222222222"],
    });
  });
});
