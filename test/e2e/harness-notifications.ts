/**
 * Helpers for the notification end-to-end tests: HTTP listeners on 127.0.0.1 that record what they
 * receive and close every socket, bounded waits, and a background consumer for async iterables.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface SeenHook {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The status the listener answered with (set when the response finished). */
  status: number | undefined;
}

export interface Listener {
  /** `http://127.0.0.1:<port>/hook` */
  readonly url: string;
  readonly seen: readonly SeenHook[];
  close(): Promise<void>;
}

/** A node:http listener on 127.0.0.1; every test must `close()` it (open sockets included). */
export async function startListener(
  handle: (req: IncomingMessage, res: ServerResponse, seen: SeenHook) => void | Promise<void>,
): Promise<Listener> {
  const seen: SeenHook[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const record: SeenHook = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, status: undefined };
    seen.push(record);
    res.on("finish", () => (record.status = res.statusCode));
    Promise.resolve(handle(req, res, record)).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    seen,
    async close() {
      if (closed) return;
      closed = true;
      const done = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await done;
    },
  };
}

/** Node request → fetch Request, for exercising `handleFetch` behind a real socket. */
export async function toFetchRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  }
  const method = req.method ?? "GET";
  const body = chunks.length > 0 && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    ...(body !== undefined ? { body: new Uint8Array(body) } : {}),
  });
}

/** fetch Response → node response. */
export async function sendFetchResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Polls `check` every 5 ms until it returns a value other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 5));
  }
}

export const delay = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

export interface Consumed<T> {
  readonly items: T[];
  /** Set once the iteration ended (normally, by abort or with an error). */
  readonly finished: Promise<void>;
  /** The error the iteration ended with, if any. */
  error(): unknown;
  /** Aborts the iteration and waits (bounded) for it to end. */
  stop(): Promise<void>;
}

/**
 * Consumes an async iterable in the background; `onItem` runs synchronously as each item is yielded
 * (before the iterator is resumed). Stopping aborts `controller`; the iteration must end within `timeoutMs`.
 */
export function consume<T>(
  iterable: AsyncIterable<T>,
  controller: AbortController,
  onItem: (item: T) => void = () => undefined,
  timeoutMs = 3000,
): Consumed<T> {
  const items: T[] = [];
  let failure: unknown;
  const finished = (async () => {
    try {
      for await (const item of iterable) {
        items.push(item);
        onItem(item);
      }
    } catch (e) {
      failure = e;
    }
  })();
  return {
    items,
    finished,
    error: () => failure,
    async stop() {
      controller.abort();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`iteration did not end within ${timeoutMs} ms of abort`)), timeoutMs);
      });
      try {
        await Promise.race([finished, limit]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
