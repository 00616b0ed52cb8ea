/** The unix socket of the engine the tests use: DOCKER_HOST's, or the default one. */
export function engineSocket(): string {
  const host = process.env.DOCKER_HOST;
  if (host && !host.startsWith("unix://")) throw new Error(`tests proxy a unix socket only, not DOCKER_HOST=${host}`);
  return host ? host.slice("unix://".length) : "/var/run/docker.sock";
}
