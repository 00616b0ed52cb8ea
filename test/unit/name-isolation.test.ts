import { describe, expect, it } from "vitest";
import { NameIsolation } from "../../src/runtime/name-isolation.js";

describe("NameIsolation", () => {
  it("splits tags, digests and registry ports", () => {
    expect(NameIsolation.split("mon-app:v1")).toEqual({ repository: "mon-app", suffix: ":v1" });
    expect(NameIsolation.split("localhost:5000/app")).toEqual({ repository: "localhost:5000/app", suffix: "" });
    expect(NameIsolation.split("app@sha256:abc")).toEqual({ repository: "app", suffix: "@sha256:abc" });
  });

  it("reads Docker Hub's long names as the short ones Docker takes them for", () => {
    for (const ref of ["docker.io/library/mon-app:v1", "docker.io/mon-app:v1", "index.docker.io/library/mon-app:v1"])
      expect(NameIsolation.split(ref)).toEqual({ repository: "mon-app", suffix: ":v1" });
    expect(NameIsolation.split("docker.io/alice/app")).toEqual({ repository: "alice/app", suffix: "" });
    expect(NameIsolation.split("registry.example.com/mon-app:v1").repository).toBe("registry.example.com/mon-app");
    const isolation = new NameIsolation("dockgrade-a");
    expect(isolation.isolate("docker.io/library/mon-app:v1")).toBe(isolation.isolate("mon-app:v1"));
  });

  it("gives two sessions different engine names for the same learner name, and restores output", () => {
    const first = new NameIsolation("dockgrade-a");
    const second = new NameIsolation("dockgrade-b");
    expect(first.isolate("mon-app:v1")).toBe("dockgrade-a/mon-app:v1");
    expect(second.isolate("mon-app:v1")).toBe("dockgrade-b/mon-app:v1");
    expect(first.isolate("localhost:5000/app:1")).toBe("dockgrade-a/localhost-5000/app:1");
    expect(first.restore("dockgrade-a/mon-app   v1   abc")).toBe("mon-app   v1   abc");
  });

  it("leaves names the learner never wrote alone when reading", () => {
    const isolation = new NameIsolation("dockgrade-a");
    expect(isolation.resolve("python:3.11-slim")).toBe("python:3.11-slim");
    isolation.isolate("mon-app:v1");
    expect(isolation.resolve("mon-app")).toBe("dockgrade-a/mon-app");
    expect(isolation.owns("mon-app:other")).toBe(true);
  });
});
