import { describe, expect, it } from "vitest";
import grader, { parseIdFile } from "../../../graders/image-file.js";
import type { ImageFile } from "../../../src/grading/context.js";
import { fakeContext } from "../../support/fake-context.js";
import { checkOptions } from "./option-schema.js";

const entry = (path: string, partial: Partial<ImageFile> = {}): ImageFile => ({
  path,
  type: "file",
  mode: 0o644,
  uid: 0,
  gid: 0,
  sizeBytes: 10,
  ...partial,
});
const files: Record<string, ImageFile> = {
  "/etc/passwd": entry("/etc/passwd", {
    content: "root:x:0:0:root:/root:/bin/bash\napp:x:1000:1001::/home/app:/bin/sh\n",
  }),
  "/etc/group": entry("/etc/group", { content: "root:x:0:\nstaff:x:50:\nappgroup:x:1001:\n" }),
  "/app/app.py": entry("/app/app.py", { uid: 1000, gid: 1001, content: "from flask import Flask\n" }),
  "/app": entry("/app", { type: "directory", mode: 0o755, uid: 1000, gid: 1001 }),
  "/usr/local/bin/start": entry("/usr/local/bin/start", { type: "symlink", mode: 0o777, linkTarget: "/app/start.sh" }),
};
const context = fakeContext({ files });
type Options = Parameters<typeof grader.run>[0];
const run = (options: Partial<Options> & { path: string }) => grader.run({ exists: true, ...options }, context);

describe("image.file", () => {
  it("passes a file with the expected type, content, mode and owner names", async () => {
    const outcome = await run({
      path: "/app/app.py",
      type: "file",
      contentPattern: "^from flask",
      mode: "0644",
      owner: "app:appgroup",
    });
    expect(outcome.status).toBe("pass");
    expect(outcome.message.en).toContain("/app/app.py: file 0644 1000:1001, as expected.");
  });

  it("accepts numeric owners, a user name alone and modes without the leading 0", async () => {
    expect((await run({ path: "/app", type: "directory", mode: "755", owner: "1000:1001" })).status).toBe("pass");
    expect((await run({ path: "/app", owner: "app" })).status).toBe("pass");
    expect((await run({ path: "/app", owner: "1000" })).status).toBe("pass");
  });

  it("fails a missing file", async () => {
    const outcome = await run({ path: "/app/requirements.txt" });
    expect(outcome.status).toBe("fail");
    expect(outcome).toMatchObject({ expected: "present", actual: "absent" });
  });

  it("lists every difference at once", async () => {
    const outcome = await run({
      path: "/app/app.py",
      type: "directory",
      contentPattern: "django",
      mode: "0600",
      owner: "root:staff",
    });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("expected type directory, found file");
    expect(outcome.message.en).toContain("expected mode 0600, found 0644");
    expect(outcome.message.en).toContain("expected owner root:staff (0:50), found 1000:1001");
    expect(outcome.message.en).toContain("the content does not match /django/");
  });

  it("fails an owner name the image does not know", async () => {
    const outcome = await run({ path: "/app/app.py", owner: "www-data" });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.fr).toContain("« www-data » n'existe pas dans /etc/passwd");
    const group = await run({ path: "/app/app.py", owner: "app:nogroup" });
    expect(group.message.en).toContain('"nogroup" does not exist');
  });

  it("an owner name without /etc/passwd (FROM scratch) is unknown", async () => {
    const bare = fakeContext({ files: { "/app": files["/app"]! } });
    expect((await grader.run({ path: "/app", exists: true, owner: "app" }, bare)).status).toBe("fail");
    expect((await grader.run({ path: "/app", exists: true, owner: "1000:1001" }, bare)).status).toBe("pass");
  });

  it("a content pattern on something without content fails", async () => {
    const outcome = await run({ path: "/usr/local/bin/start", type: "symlink", contentPattern: "." });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("no readable content (symlink)");
  });

  it("exists: false passes when absent and fails when present", async () => {
    expect((await run({ path: "/app/.env", exists: false })).status).toBe("pass");
    const outcome = await run({ path: "/app/app.py", exists: false });
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("/app/app.py should not be in the image");
  });

  it("parses account files, skipping comments and broken lines", () => {
    expect([...parseIdFile("root:x:0:0::/root:/bin/sh\n# comment\nbad\napp:x:1000:1000::/:/bin/sh\n")]).toEqual([
      ["root", 0],
      ["app", 1000],
    ]);
    expect(parseIdFile(undefined).size).toBe(0);
  });

  it("rejects bad options when the spec is loaded", () => {
    expect(checkOptions(grader, { path: "/a", mode: "0x644" }).success).toBe(false);
    expect(checkOptions(grader, { path: "/a", mode: "0999" }).success).toBe(false);
    expect(checkOptions(grader, { path: "/a", contentPattern: "(" }).success).toBe(false);
    expect(checkOptions(grader, { path: "relative" }).success).toBe(false);
    expect(checkOptions(grader, { path: "/a", owner: "a:b:c" }).success).toBe(false);
    expect(checkOptions(grader, { path: "/a", mode: "4755", owner: "app:staff" }).success).toBe(true);
  });
});

describe("image.file executableBy", () => {
  const tools = fakeContext({
    files: {
      "/bin/tool": entry("/bin/tool", { mode: 0o750 }),
      "/bin/data": entry("/bin/data", { mode: 0o644 }),
    },
  });
  const check = (path: string, executableBy: "any" | "owner" | "group" | "other") =>
    grader.run({ path, exists: true, executableBy }, tools);

  it("reads the owner's, group's or others' execute bit, or any of them", async () => {
    expect((await check("/bin/tool", "owner")).status).toBe("pass");
    expect((await check("/bin/tool", "group")).status).toBe("pass");
    expect((await check("/bin/tool", "any")).status).toBe("pass");
    const outcome = await check("/bin/tool", "other");
    expect(outcome.status).toBe("fail");
    expect(outcome.message.en).toContain("not executable by others (mode 0750)");
    expect((await check("/bin/data", "any")).message.fr).toContain("aucun bit d'exécution (droits 0644)");
  });
});

describe("image.file followSymlink", () => {
  const linked = fakeContext({
    files: {
      "/etc/os-release": entry("/etc/os-release", {
        type: "symlink",
        mode: 0o777,
        linkTarget: "../usr/lib/os-release",
      }),
      "/usr/lib/os-release": entry("/usr/lib/os-release", { content: 'PRETTY_NAME="Debian"\n' }),
      "/etc/broken": entry("/etc/broken", { type: "symlink", mode: 0o777, linkTarget: "/nowhere" }),
    },
  });

  it("reads the content of the file a link leads to, a relative target from the link's folder", async () => {
    const options = { path: "/etc/os-release", exists: true, contentPattern: "PRETTY_NAME" };
    expect((await grader.run({ ...options, followSymlink: true }, linked)).status).toBe("pass");
    expect((await grader.run(options, linked)).message.en).toContain("no readable content (symlink)");
  });

  it("says when the link leads nowhere", async () => {
    const outcome = await grader.run(
      { path: "/etc/broken", exists: true, contentPattern: "", followSymlink: true },
      linked,
    );
    expect(outcome.message.en).toContain("no readable content (broken link)");
  });
});
