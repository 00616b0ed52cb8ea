import { spawn } from "node:child_process";
import { access, readFile } from "node:fs/promises";

/** Receives one progress line at a time. */
export type LineLogger = (line: string) => void;

const STDERR_TAIL_LINES = 15;

/**
 * Runs a program with an argv array (never through a shell) and resolves with its stdout.
 * Each stderr line is forwarded to `log` as it arrives, so a long mmdebstrap run shows progress.
 * On failure the error names the command and shows the last lines of its stderr.
 */
export function runCommand(file: string, args: readonly string[], log: LineLogger = () => {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderrLines: string[] = [];
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) recordLine(line);
    });
    const recordLine = (line: string): void => {
      if (line.trim() === "") return;
      stderrLines.push(line);
      if (stderrLines.length > STDERR_TAIL_LINES) stderrLines.shift();
      log(line);
    };
    child.on("error", (error) => reject(new Error(`${describeCommand(file, args)} could not start: ${error.message}`)));
    child.on("close", (code, signal) => {
      recordLine(pending);
      if (code === 0) return resolve(Buffer.concat(stdout).toString("utf8"));
      const status = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(
        new Error(`${describeCommand(file, args)} ${status}; last lines of its stderr:\n${stderrLines.join("\n")}`),
      );
    });
  });
}

export function describeCommand(file: string, args: readonly string[]): string {
  const shown = args.length > 8 ? [...args.slice(0, 8), "..."] : args;
  return `\`${[file, ...shown].join(" ")}\``;
}

/** Throws the install command to run when a Debian package's program is missing. */
export async function requireHostProgram(path: string, debianPackage: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new Error(`${path} is missing; install it with: apt-get install -y ${debianPackage}`);
  }
}

/** The Debian codename of this machine (e.g. "bookworm"), from /etc/os-release. */
export async function hostDebianSuite(): Promise<string> {
  const osRelease = await readFile("/etc/os-release", "utf8");
  const codename = /^VERSION_CODENAME=("?)([a-z]+)\1$/m.exec(osRelease)?.[2];
  if (!codename) throw new Error("/etc/os-release has no VERSION_CODENAME: this machine is not a Debian release");
  return codename;
}

/**
 * The `deb` lines for the machine's suite and its -updates and -security suites, with the
 * mirrors this machine's apt is configured to use. mmdebstrap adds no -updates/-security
 * sources of its own once it is given a mirror, so all three are passed explicitly.
 */
export async function hostAptSourceLines(suite: string): Promise<string[]> {
  const listing = await runCommand("apt-get", [
    "indextargets",
    "--format",
    "$(SITE) $(RELEASE) $(COMPONENT)",
    "Identifier: Packages",
  ]);
  const componentsBySource = new Map<string, Set<string>>();
  for (const line of listing.split("\n")) {
    const [site, release, component] = line.trim().split(/\s+/);
    if (!site || !release || !component) continue;
    if (![suite, `${suite}-updates`, `${suite}-security`].includes(release)) continue;
    const key = `${site} ${release}`;
    const components = componentsBySource.get(key) ?? new Set<string>();
    components.add(component);
    componentsBySource.set(key, components);
  }
  const lines = [...componentsBySource].map(([source, components]) => `deb ${source} ${[...components].join(" ")}`);
  if (!lines.some((line) => line.split(" ")[2] === suite)) {
    throw new Error(
      `this machine's apt configuration has no source for the "${suite}" suite ` +
        "(checked with `apt-get indextargets`); add one to /etc/apt/sources.list.d/ and run apt-get update",
    );
  }
  return lines;
}
