import { createServer } from 'node:net';

/** Whether `port` can be bound on 127.0.0.1 right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * The first port from `from` upwards that is free right now. Only for the demo, which must name
 * one port in its redirect URIs before its callback and web servers bind it in turn; servers
 * that can report their port (tests, `trax sandbox --port 0`) listen on port 0 instead.
 */
export async function firstFreePort(from: number, tries = 100): Promise<number> {
  for (let port = from; port < from + tries && port <= 65535; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${from}–${from + tries - 1}; stop some servers or set another port.`);
}
