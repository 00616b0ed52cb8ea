import { createConnection, createServer, type AddressInfo, type Socket } from "node:net";

export interface EngineTcpProxy {
  /** `tcp://127.0.0.1:<port>`, for DOCKER_HOST. */
  host: string;
  close(): Promise<void>;
}

/** The unix socket an engine address names (DOCKER_HOST, else the default socket). */
export function engineSocketPath(dockerHost = process.env.DOCKER_HOST): string {
  if (!dockerHost) return "/var/run/docker.sock";
  if (!dockerHost.startsWith("unix://")) throw new Error(`DOCKER_HOST ${dockerHost} is not a unix socket`);
  return dockerHost.slice("unix://".length);
}

/**
 * The engine as Docker-in-Docker, a remote engine or Docker Desktop show it to dockgrade: a
 * TCP address (here a proxy of the local engine's socket on 127.0.0.1). Containers' ports are
 * published on the engine's host, and dockgrade must not rely on reaching the engine's files.
 */
export async function engineTcpProxy(socketPath = engineSocketPath()): Promise<EngineTcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(socketPath);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) socket.on("error", drop).on("close", drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `tcp://127.0.0.1:${port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
