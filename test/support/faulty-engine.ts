import { createServer, request, type IncomingMessage } from "node:http";
import { mkdtemp } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineSocket } from "./engine-socket.js";

/** An answer the proxy gives instead of the engine's. */
export interface FakeAnswer {
  status: number;
  body: unknown;
}

export interface Faults {
  /** Answers a request itself (e.g. a removal that fails as a dying engine's does); undefined forwards it. */
  answer?(method: string, path: string): FakeAnswer | undefined;
  /** Rewrites the engine's JSON answer to a GET (e.g. /info, to pose as another engine). */
  rewrite?(path: string, body: Record<string, unknown>): Record<string, unknown> | undefined;
}

export interface FaultyEngine {
  /** `unix://...`, for DOCKER_HOST. */
  host: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the real engine that a test can make misbehave on chosen requests,
 * the way a dying or a different engine does, without killing any engine. Upgraded connections
 * (exec, attach) are passed through untouched.
 */
export async function faultyEngine(faults: Faults, target = engineSocket()): Promise<FaultyEngine> {
  const path = join(await mkdtemp(join(tmpdir(), "dockgrade-faulty-")), "docker.sock");
  const server = createServer((req, res) => {
    const route = (req.url ?? "/").replace(/^\/v[\d.]+/, "").split("?")[0]!;
    const fake = faults.answer?.(req.method ?? "GET", route);
    if (fake) {
      req.resume();
      res.writeHead(fake.status, { "content-type": "application/json" }).end(JSON.stringify(fake.body));
      return;
    }
    const upstream = request(
      { socketPath: target, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (req.method === "GET" && faults.rewrite && /json/.test(answer.headers["content-type"] ?? "")) {
          void rewritten(answer, (body) => faults.rewrite!(route, body)).then((text) => {
            const headers = { ...answer.headers, "content-length": String(Buffer.byteLength(text)) };
            delete headers["transfer-encoding"];
            res.writeHead(answer.statusCode ?? 500, headers).end(text);
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("upgrade", (req, client, head) => {
    const upstream = createConnection(target, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let index = 0; index < req.rawHeaders.length; index += 2)
        lines.push(`${req.rawHeaders[index]}: ${req.rawHeaders[index + 1]}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", drop).on("close", drop);
    client.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    host: `unix://${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function rewritten(
  answer: IncomingMessage,
  change: (body: Record<string, unknown>) => Record<string, unknown> | undefined,
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const changed = Array.isArray(body) ? undefined : change(body);
    return changed ? JSON.stringify(changed) : text;
  } catch {
    return text;
  }
}
