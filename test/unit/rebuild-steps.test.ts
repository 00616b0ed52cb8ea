import { describe, expect, it } from "vitest";
import { rebuildSteps } from "../../src/runtime/rebuild-after-change.js";

describe("rebuildSteps", () => {
  it("reads which steps came from the cache, each as the builder runs it, whatever its spelling", () => {
    const log = [
      "Step 1/5 : from python:3.11-slim",
      " ---> 22f17f9b3c36",
      "Step 2/5 : copy requirements.txt ./",
      " ---> Using cache",
      " ---> 1a2b3c4d5e6f",
      'Step 3/5 : RUN ["pip3", "install", "--no-cache-dir", "-r", "requirements.txt"]',
      " ---> Using cache",
      " ---> 2b3c4d5e6f70",
      "Step 4/5 : COPY app.py ./",
      " ---> 3c4d5e6f7081",
      'Step 5/5 : CMD ["python", "app.py"]',
      " ---> Running in 4d5e6f708192",
    ];
    expect(rebuildSteps(log)).toEqual([
      { instruction: "COPY requirements.txt ./", cached: true },
      { instruction: "RUN pip3 install --no-cache-dir -r requirements.txt", cached: true },
      { instruction: "COPY app.py ./", cached: false },
      { instruction: "CMD python app.py", cached: false },
    ]);
  });
});
