import type { LogLine } from "../grading/context.js";

const STREAMS = { 1: "stdout", 2: "stderr" } as const;

/**
 * Splits the engine's multiplexed log (8-byte frame headers: stream, 0, 0, 0, length) into
 * lines, each starting with the timestamp `docker logs --timestamps` prints; capped in bytes.
 */
export function demuxLogs(raw: Buffer, limitBytes: number): LogLine[] {
  const lines: LogLine[] = [];
  let used = 0;
  for (let offset = 0; offset + 8 <= raw.length && used < limitBytes;) {
    const stream = STREAMS[raw[offset] as 1 | 2] ?? "stdout";
    const length = raw.readUInt32BE(offset + 4);
    const payload = raw.subarray(offset + 8, offset + 8 + length).toString("utf8");
    offset += 8 + length;
    for (const line of payload.split("\n")) {
      if (line === "") continue;
      const space = line.indexOf(" ");
      lines.push({
        stream,
        timestamp: space > 0 ? line.slice(0, space) : "",
        text: space > 0 ? line.slice(space + 1) : line,
      });
      used += line.length;
    }
  }
  return lines;
}

/** A one-off command's two outputs, from the engine's multiplexed log (no timestamps); capped in bytes. */
export function demuxOutputs(raw: Buffer, limitBytes: number): { stdout: string; stderr: string } {
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  let used = 0;
  for (let offset = 0; offset + 8 <= raw.length && used < limitBytes;) {
    const stream = STREAMS[raw[offset] as 1 | 2] ?? "stdout";
    const length = raw.readUInt32BE(offset + 4);
    const payload = raw.subarray(offset + 8, offset + 8 + Math.min(length, limitBytes - used));
    chunks[stream].push(payload);
    used += payload.length;
    offset += 8 + length;
  }
  return {
    stdout: Buffer.concat(chunks.stdout).toString("utf8"),
    stderr: Buffer.concat(chunks.stderr).toString("utf8"),
  };
}
