import { mkdtemp } from "node:fs/promises";
import { createConnection, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engineSocket } from "./engine-socket.js";

export interface EngineProxy {
  /** `unix://...`, for DOCKER_HOST. */
  host: string;
  /** The engine "stops" for whoever uses the proxy: connections drop, new ones are refused. */
  cut(): Promise<void>;
}

/** A unix socket forwarding to the real engine's, that a test can cut in the middle of a run. */
export async function engineProxy(target = engineSocket()): Promise<EngineProxy> {
  const path = join(await mkdtemp(join(tmpdir(), "dockgrade-proxy-")), "docker.sock");
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(target);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) socket.on("error", drop).on("close", drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    host: `unix://${path}`,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
