import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { convertCst } from "../../../src/authoring/import-cst/convert-cst.js";
import { importCst } from "../../../src/authoring/import-cst/import-cst.js";
import { readCstFile } from "../../../src/authoring/import-cst/read-cst-file.js";
import { loadExercise } from "../../../src/exercise/load-exercise.js";

const OWN = "test/fixtures/cst/own";
const scratch = await mkdtemp(join(tmpdir(), "import-cst-own-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const items = convertCst(await readCstFile(join(OWN, "every-field.yaml")));
const byName = (name: string) => items.find((item) => item.name === name)!;
const optionsOf = (name: string) => byName(name).check?.options;
const reasonOf = (name: string) => byName(name).notConverted?.en;

describe("import-cst: commandTests → image.command", () => {
  it("runs command + args, joins expected and excluded patterns per stream, keeps the exit code and containerRunOptions.user", () => {
    const options = optionsOf("Python version, with args and both streams")!;
    expect(options).toMatchObject({
      command: ["python", "-c", "import sys; print(sys.version); print('warn', file=sys.stderr)"],
      user: "1000",
      exitCode: 0,
      stderr: "^(?=[\\s\\S]*?(?:warn))(?![\\s\\S]*?(?:Traceback))",
      env: { GREETING: "bonjour" },
    });
    const stdout = new RegExp(options.stdout as string);
    expect(stdout.test("3.11.2 (main) [GCC 12.2.0]")).toBe(true);
    expect(stdout.test("3.11.2 (main) [gcc 12.2.0]")).toBe(true); // (?i) written out as [gG][cC][cC]
    expect(stdout.test("2.7.18 3.11 [GCC]")).toBe(false); // does not start with 3.11
    expect(stdout.test("3.11 [GCC] 2.7")).toBe(false); // excluded 2\.7
  });

  it("adds envVars to globalEnvVars as the command's environment, values as written", () => {
    expect(optionsOf("Exit code and env vars")).toMatchObject({
      command: ["sh", "-c", "printenv GREETING NAME; exit 3"],
      exitCode: 3,
      env: { GREETING: "bonjour", NAME: "monde" },
    });
  });

  it("asks the grader to expand $NAME from the image's ENV, as CST does before running", () => {
    expect(optionsOf("Variables replaced by CST from the image ENV")).toMatchObject({ expandEnv: true });
    expect(byName("Variables replaced by CST from the image ENV").notes[0]?.en).toContain("$HOME_DIR, $$");
  });

  it("converts a test with teardown (CST's docker driver skips it) and says so", () => {
    expect(optionsOf("Teardown is ignored, as CST's docker driver does")).toBeDefined();
    expect(byName("Teardown is ignored, as CST's docker driver does").notes[0]?.en).toMatch(/^teardown ignored/);
  });

  it("names what it cannot convert faithfully, with the reason", () => {
    expect(reasonOf("Setup is not converted")).toMatch(/^setup commands: .* fresh container/);
    expect(reasonOf("Argument from globalEnvVars")).toContain("$GREETING, which CST takes from globalEnvVars");
    expect(reasonOf("Output with its final newline")).toContain("expects the final newline");
    expect(reasonOf("Go-only regex")).toContain("`/\\pL+/`");
  });
});

describe("import-cst: fileExistenceTests and fileContentTests → image.file", () => {
  it("reads Go's permission strings as type and mode, uid/gid as owner, isExecutableBy as executableBy", () => {
    expect(optionsOf("App folder")).toEqual({ path: "/app", type: "directory", mode: "0755", owner: "1000:1000" });
    expect(optionsOf("Entry script")).toEqual({
      path: "/app/start.sh",
      type: "file",
      mode: "0750",
      executableBy: "group",
    });
    expect(optionsOf("Setuid helper")).toMatchObject({ type: "file", mode: "4755" });
    expect(optionsOf("Sticky tmp")).toMatchObject({ type: "directory", mode: "1777" });
    expect(optionsOf("Link")).toMatchObject({ type: "symlink", mode: "0777" });
    expect(optionsOf("Owner uid only")).toEqual({ path: "/app/data", owner: "0" });
  });

  it("checks only absence when shouldExist is false, as CST does, and notes the ignored fields", () => {
    expect(optionsOf("No secrets")).toEqual({ path: "/app/.env", exists: false });
    expect(byName("No secrets").notes[0]?.en).toContain("permissions ignored");
  });

  it("names a gid without uid, a device and a path with a variable", () => {
    expect(reasonOf("Group only")).toContain("gid without uid");
    expect(reasonOf("Device")).toContain("Dcrw-rw-rw-");
    expect(reasonOf("Path from the ENV")).toContain("$APP_HOME/app.py");
  });

  it("turns expected and excluded contents into one pattern, Go syntax rewritten", () => {
    const pattern = new RegExp(optionsOf("Config lists the port")!.contentPattern as string);
    expect(pattern.test("host = db.local\nport = 8000\n")).toBe(true);
    expect(pattern.test("host = db.local\nport = 8000\ndebug = true\n")).toBe(false);
    expect(pattern.test("host = db.local\nport = 8000\npassword=x\n")).toBe(false);
    expect(pattern.test("port = 8000\n")).toBe(false); // no host.local
    expect(optionsOf("Readable file")).toEqual({ path: "/app/app.py", contentPattern: "", followSymlink: true });
  });
});

describe("import-cst: metadataTest → one image.config check per assertion group", () => {
  it("maps each group to image.config options", () => {
    const groups = Object.fromEntries(
      items.filter((item) => item.source.startsWith("metadataTest")).map((item) => [item.source, item.check?.options]),
    );
    expect(groups).toEqual({
      "metadataTest.envVars": { env: { APP_ENV: "^production$", APP_VERSION: "1\\.[0-9]+" } },
      "metadataTest.unboundEnvVars": { envAbsent: ["DEBUG"] },
      "metadataTest.labels": { labels: { "org.opencontainers.image.title": "^demo$" } },
      "metadataTest.exposedPorts": { exposedPortsInclude: ["8000"], exposedPortsExclude: ["22"] },
      "metadataTest.volumes": { volumesInclude: ["/data"], volumesExclude: ["/app"] },
      "metadataTest.entrypoint": { entrypoint: [] },
      "metadataTest.cmd": { cmd: ["python", "app.py"] },
      "metadataTest.workdir": { workdir: "/app" },
      "metadataTest.user": { user: "^1000$" },
    });
  });

  it("refuses a port with its protocol: CST compares port numbers only, so it never matches there", async () => {
    const file = join(scratch, "ports.yaml");
    await writeFile(file, 'schemaVersion: "2.0.0"\nmetadataTest:\n  exposedPorts: ["8080/tcp"]\n');
    const [item] = convertCst(await readCstFile(file));
    expect(item?.notConverted?.en).toContain("`8080/tcp` never matches there");
  });
});

describe("import-cst: the written exercise", () => {
  it("writes exercise.yaml (valid, schema line, one point per check, comments with CST lines), README.md and a starter", async () => {
    const target = join(scratch, "cours", "07-every-field");
    const result = await importCst(join(OWN, "every-field.yaml"), target, { force: false, lang: "fr" });
    expect(result.written).toEqual(["exercise.yaml", "README.md", "starter/Dockerfile"]);
    const { spec } = await loadExercise(target);
    expect(spec.id).toBe("cours/07-every-field");
    expect(spec.points).toBe(items.filter((item) => item.check).length);
    const yaml = await readFile(join(target, "exercise.yaml"), "utf8");
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=.*schema\/exercise\.schema\.json\n/);
    expect(yaml).toContain("# commandTests[0] of every-field.yaml, line 9");
    const readme = await readFile(join(target, "README.md"), "utf8");
    expect(readme).toContain("## Ce qui est vérifié");
    expect(readme).toContain("## What is checked");
    expect(readme).toContain("**Pas de solution**");
    expect(readme).toContain("licenseTests[0]");
    expect(result.report).toContain("Convertis (1 point chacun) :");
    expect(result.report).toContain(`${join(OWN, "every-field.yaml")}:26 commandTests[3] "Setup is not converted"`);
  });

  it("refuses a folder that is not empty, unless --force", async () => {
    const target = join(scratch, "busy");
    await mkdir(target, { recursive: true });
    await writeFile(join(target, "notes.txt"), "mine");
    const file = join("test/fixtures/cst/real", "hadolint-action.yaml");
    await expect(importCst(file, target, { force: false, lang: "en" })).rejects.toThrow(
      /busy: the folder is not empty; choose another or pass --force/,
    );
    const forced = await importCst(file, target, { force: true, lang: "en" });
    expect(forced.written).toContain("exercise.yaml");
    expect(await readFile(join(target, "notes.txt"), "utf8")).toBe("mine");
  });

  it("refuses a target that is a file, even with --force", async () => {
    const target = join(scratch, "a-file");
    await writeFile(target, "");
    const file = join("test/fixtures/cst/real", "hadolint-action.yaml");
    await expect(importCst(file, target, { force: true, lang: "en" })).rejects.toThrow(
      /a-file: is a file, not a folder/,
    );
  });

  it("writes nothing when no test converts", async () => {
    const result = await importCst(join(OWN, "nothing-convertible.yaml"), join(scratch, "none"), {
      force: false,
      lang: "en",
    });
    expect(result.written).toEqual([]);
    expect(result.report).toContain("No convertible test: no exercise written.");
  });
});

describe("import-cst: files it cannot read, with file:line", () => {
  it.each([
    ["unknown-field.yaml", /unknown-field\.yaml:8 fileExistenceTests\[0\]\.shouldexist: unknown field/],
    ["not-yaml.yaml", /not-yaml\.yaml:\d+ not valid YAML: Missing closing "quote/],
    ["command-as-list.yaml", /command-as-list\.yaml:5 commandTests\[0\]\.command: expected a string, found a list/],
    ["missing-name.yaml", /missing-name\.yaml:3 fileContentTests\[0\]\.name: required/],
    ["no-such-file.yaml", /no-such-file\.yaml: no such file/],
  ])("%s", async (name, message) => {
    await expect(readCstFile(join(OWN, name))).rejects.toThrow(message);
  });

  it("names a missing schemaVersion", async () => {
    const file = join(scratch, "no-version.yaml");
    await writeFile(file, "commandTests: []\n");
    await expect(readCstFile(file)).rejects.toThrow(/no-version\.yaml:1 schemaVersion: missing: dockgrade imports/);
  });
});
