/**
 * Pieces of the browser test: finding and launching Chromium (Debian's `chromium` package), bundling the page with
 * esbuild, and a static server for the page's origin. Everything listens on 127.0.0.1 only.
 */
import { accessSync, constants, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type BrowserContext } from "playwright-core";

/** Where Debian's `chromium` package puts the browser; CHROMIUM_PATH overrides it. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/**
 * The Chromium executable to use, or an Error saying why there is none. Never a silent skip: a missing browser is a
 * failure of the test run.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CHROMIUM_PATH;
  const path = override !== undefined && override !== "" ? override : DEFAULT_CHROMIUM;
  const from = path === override ? "CHROMIUM_PATH" : "the default path";
  try {
    if (!statSync(path).isFile()) throw new Error("not a file");
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${path} (${from}). Install Debian's chromium package (apt-get install chromium; .ci/run does ` +
        `this when ${DEFAULT_CHROMIUM} is missing) or set CHROMIUM_PATH to a Chromium executable.`,
    );
  }
  return path;
}

/**
 * Flags for a headless Chromium on a machine without network: without the background-networking ones it keeps
 * trying to reach Google's services, and those connections are refused here.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface RunningChromium {
  readonly context: BrowserContext;
  readonly version: string;
  close(): Promise<void>;
}

/** Launches Chromium headless with a new, empty profile directory (removed again by close()). */
export async function launchChromium(executablePath: string): Promise<RunningChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), "codegen-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      timeout: 30_000,
    });
  } catch (e) {
    await rm(userDataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    context,
    version: context.browser()?.version() ?? "unknown",
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Bundles a page entry for the browser (ESM, one file) and returns the JavaScript. */
export async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.text;
}

export interface StaticSite {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `METHOD path` of every request the site served, in order. */
  readonly requests: readonly string[];
  stop(): Promise<void>;
}

/** Serves fixed files (path → content type and body) from its own origin on 127.0.0.1; anything else is a 404. */
export async function serveStatic(
  files: Readonly<Record<string, { readonly type: string; readonly body: string }>>,
): Promise<StaticSite> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://site.invalid").pathname;
    requests.push(`${req.method ?? "GET"} ${path}`);
    const file = Object.hasOwn(files, path) ? files[path] : undefined;
    if (req.method !== "GET" || !file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" });
    res.end(file.body);
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
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    stop: async () => {
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
