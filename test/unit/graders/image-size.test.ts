import { describe, expect, it } from "vitest";
import grader from "../../../graders/image-size.js";
import { fakeContext, imageFacts, type FakeParts } from "../../support/fake-context.js";

const base = imageFacts({
  id: "base",
  sizeBytes: 100e6,
  history: [{ createdBy: "Imported from -", sizeBytes: 100e6, isLayer: true }],
});
const image = imageFacts({
  id: "img",
  sizeBytes: 160e6,
  history: [
    { createdBy: '/bin/sh -c #(nop)  CMD ["python"]', sizeBytes: 0, isLayer: false },
    { createdBy: "/bin/sh -c #(nop) COPY dir:abc in /app", sizeBytes: 2e6, isLayer: true },
    { createdBy: "/bin/sh -c apt-get update", sizeBytes: 18e6, isLayer: true },
    { createdBy: "/bin/sh -c pip install flask", sizeBytes: 39e6, isLayer: true },
    { createdBy: "/bin/sh -c #(nop) COPY file:req in .", sizeBytes: 1e6, isLayer: true },
    ...base.history,
  ],
});
const grade = (options: Parameters<typeof grader.run>[0], parts: FakeParts = { image, base }) =>
  grader.run(options, fakeContext(parts));

describe("image.size", () => {
  it("passes within every bound and reports size, base size and added bytes", async () => {
    const outcome = await grade({ maxMb: 200, minMb: 150, maxAddedMb: 60, maxRatioToBase: 1.6 });
    expect(outcome.status).toBe("pass");
    expect(outcome.message.en).toContain("Size: 160 MB; base image: 100 MB; added: 60 MB, × 1.60");
  });

  it("fails above maxMb and lists the three biggest added layers, biggest first", async () => {
    const outcome = await grade({ maxMb: 150 });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.fr).toContain("L'image dépasse 150 MB.");
    const listing = outcome.message.en.split("Biggest added layers:")[1]!;
    expect(listing).toContain("1.    39 MB  RUN pip install flask");
    expect(listing).toContain("3.   2.0 MB  COPY dir:abc in /app");
    expect(listing).not.toContain("COPY file:req");
    expect(outcome).toMatchObject({ expected: "<= 150 MB", actual: "160 MB" });
  });

  it("fails below minMb", async () => {
    expect((await grade({ minMb: 170 })).status).toBe("fail");
  });

  it("fails on added bytes and on the ratio to the base, naming both", async () => {
    const outcome = await grade({ maxAddedMb: 50, maxRatioToBase: 1.5 });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("adds more than 50 MB");
    expect(outcome.message.en).toContain("1.60 times its base image (at most 1.5)");
  });

  it("without a base image (FROM scratch) counts everything as added and skips the ratio", async () => {
    const alone = imageFacts({
      id: "scratch-app",
      sizeBytes: 5e6,
      history: [{ createdBy: "COPY app /", sizeBytes: 5e6, isLayer: true }],
    });
    expect((await grade({ maxRatioToBase: 1.1, maxAddedMb: 6 }, { image: alone })).status).toBe("pass");
    const outcome = await grade({ maxAddedMb: 4 }, { image: alone });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("no known base image");
  });
});
