// Test helper: a real HTTP server on 127.0.0.1 (node:http) that a test scripts to misbehave, started and stopped by it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
}

export interface Loopback {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** Every request the server received, in order. */
  readonly seen: SeenRequest[];
  stop(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export async function startLoopback(handler: Handler): Promise<Loopback> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    Promise.resolve(handler(req, res)).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Writes `chunk` over and over until the client goes away or `maxBytes` are written; resolves with the bytes written.
 * Honours backpressure, so the count is what the client actually pulled (plus the socket buffers).
 */
export function writeEndlessly(res: ServerResponse, chunk: string | Uint8Array, maxBytes: number): Promise<number> {
  const size = typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
  let written = 0;
  return new Promise((resolve) => {
    const done = (): void => resolve(written);
    res.on("close", done);
    const pump = (): void => {
      while (written < maxBytes && !res.destroyed) {
        written += size;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  });
}
