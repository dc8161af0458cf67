/**
 * Shared pieces of the end-to-end tests: the generated clients (v1.0, v2.0, beta) over real HTTP against the
 * Outlook simulator (test/simulator), and a readable view of the requests the simulator saw.
 */
import { afterEach, beforeEach } from "vitest";
import * as beta from "../../generated/beta/index.js";
import * as v1 from "../../generated/v1.0/index.js";
import * as v2 from "../../generated/v2.0/index.js";
import { installMeetings } from "../simulator/meetings.js";
import { startSimulator, type SeenRequest, type Simulator, type SimulatorOptions } from "../simulator/server.js";

export { beta, v1, v2 };
export type Version = "v1.0" | "v2.0" | "beta";

export const ALICE = "alice@contoso.com";
export const BOB = "bob@contoso.com";
export const ALICE_ID = "9d1b2f5e-4c3a-4e0b-8f6d-1a2b3c4d5e6f@72f988bf-86f1-41af-91ab-2d7cd011db47";
export const BOB_ID = "0f4e3d2c-1b0a-4f9e-8d7c-6b5a49382716@72f988bf-86f1-41af-91ab-2d7cd011db47";
export const TOKEN = "test-token";
export const NS = "Microsoft.OutlookServices";

/** A simulator with the optional modules the e2e tests need (FindMeetingTimes). */
export async function startE2E(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(options);
  installMeetings(sim);
  return sim;
}

/**
 * Starts a fresh simulator before each test of the enclosing suite and stops it after; `current()` is the
 * running one. Every server a test starts is stopped, even when the test fails.
 */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let sim: Simulator | undefined;
  beforeEach(async () => {
    sim = await startE2E(options);
  });
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });
  return () => {
    if (!sim) throw new Error("no simulator running");
    return sim;
  };
}

/** The options every client in these tests shares: the simulator's service root, a token, Alice's mailbox. */
export function clientOptions(
  sim: Simulator,
  version: Version,
  extra: Record<string, unknown> = {},
): { baseUrl: string; getAccessToken: () => string; anchorMailbox: string } {
  return { baseUrl: sim.baseUrl(version), getAccessToken: () => TOKEN, anchorMailbox: ALICE, ...extra };
}

/** One request as the simulator saw it, decoded for assertions. */
export interface Seen {
  readonly method: string;
  /** Path below the version root, percent-decoded: `/Me/Messages('AAMk…')`. */
  readonly path: string;
  readonly version: string;
  /** Query parameters, decoded (`$filter` → `Subject eq 'x'`). */
  readonly query: Readonly<Record<string, string>>;
  readonly anchor: string | undefined;
  readonly auth: string | undefined;
  readonly prefer: string | undefined;
  readonly contentType: string | undefined;
  /** The parsed JSON body; undefined when empty; the raw text when not JSON. */
  readonly body: unknown;
}

export function decode(r: SeenRequest): Seen {
  const url = new URL(r.url, "http://simulator.invalid");
  const m = /^\/api\/([^/]+)(.*)$/.exec(url.pathname);
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  let body: unknown;
  if (r.body !== "") {
    try {
      body = JSON.parse(r.body) as unknown;
    } catch {
      body = r.body;
    }
  }
  return {
    method: r.method,
    version: m?.[1] ?? "",
    path: decodeURIComponent(m?.[2] ?? url.pathname),
    query,
    anchor: r.anchorMailbox,
    auth: r.headers.authorization,
    prefer: r.headers.prefer,
    contentType: r.headers["content-type"],
    body,
  };
}

/** Every request seen so far, decoded. */
export function seen(sim: Simulator): Seen[] {
  return sim.requests.map(decode);
}

/** The requests seen since the last `clearRequests()`, then clears the log. */
export function drain(sim: Simulator): Seen[] {
  const out = seen(sim);
  sim.clearRequests();
  return out;
}

/** `METHOD /path` of each request (query left out), for compact sequence assertions. */
export const lines = (list: readonly Seen[]): string[] => list.map((s) => `${s.method} ${s.path}`);

/** Collects an async iterable. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The rejection of a promise (fails when it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the promise to reject");
}

export const recipient = (address: string, name?: string): { EmailAddress: { Address: string; Name?: string } } => ({
  EmailAddress: name === undefined ? { Address: address } : { Address: address, Name: name },
});

/** The first bytes of a PNG of the given size: signature and IHDR (all the simulator reads). */
export function png(width: number, height: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]); // signature, IHDR
  const view = new DataView(b.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  b[24] = 8; // bit depth
  b[25] = 6; // RGBA
  return b;
}
