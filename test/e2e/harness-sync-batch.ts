/**
 * Shared set-up of the sync and $batch end-to-end tests: a simulator on 127.0.0.1 with the sync and
 * $batch modules registered, and generated clients pointed at it over real HTTP.
 */
import { afterAll } from "vitest";
import { createClient as createBetaClient } from "../../generated/beta/index.js";
import { createClient as createV2Client, type ClientOptions } from "../../generated/v2.0/index.js";
import { type BatchModule, registerBatch } from "../simulator/batch.js";
import { type SeenRequest, type Simulator, type SimulatorOptions, startSimulator } from "../simulator/server.js";
import { registerSync, type SyncModule } from "../simulator/sync.js";

export const ALICE = "alice@contoso.com";
export const BOB = "bob@contoso.com";
export const TOKEN = "test-token";

export interface Harness {
  readonly sim: Simulator;
  readonly sync: SyncModule;
  readonly batch: BatchModule;
}

/**
 * A fresh harness per call, every one stopped after the calling file's tests: call it once at a test file's top level
 * (`const fresh = freshHarnesses();`).
 */
export function freshHarnesses(): (options?: SimulatorOptions) => Promise<Harness> {
  const started: Harness[] = [];
  afterAll(async () => {
    await Promise.all(started.map((h) => h.sim.stop()));
  });
  return async (options) => {
    const h = await startHarness(options);
    started.push(h);
    return h;
  };
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const sim = await startSimulator(options);
  const sync = registerSync(sim.router, sim.store);
  const batch = registerBatch(sim.router, sim.handle);
  return { sim, sync, batch };
}

export function v2Client(sim: Simulator, options: ClientOptions = {}): ReturnType<typeof createV2Client> {
  return createV2Client({ baseUrl: sim.baseUrl("v2.0"), getAccessToken: () => TOKEN, fetch, ...options });
}

export function betaClient(sim: Simulator, options: ClientOptions = {}): ReturnType<typeof createBetaClient> {
  return createBetaClient({ baseUrl: sim.baseUrl("beta"), getAccessToken: () => TOKEN, fetch, ...options });
}

/** Collects a sync round: the changes and the token it ended on. */
export async function collect<T>(
  round: AsyncIterable<T> & { readonly deltaToken: string | undefined },
): Promise<{ changes: T[]; deltaToken: string }> {
  const changes: T[] = [];
  for await (const c of round) changes.push(c);
  if (round.deltaToken === undefined) throw new Error("the round ended without a delta token");
  return { changes, deltaToken: round.deltaToken };
}

/** Requests the simulator saw whose path (without the query) matches. */
export function seen(sim: Simulator, method: string, path: RegExp): SeenRequest[] {
  return sim.requests.filter((r) => r.method === method && path.test(r.url.split("?")[0] ?? ""));
}

/** A query parameter of a seen request, decoded. */
export function param(r: SeenRequest, name: string): string | null {
  return new URL(r.url, "http://x.invalid").searchParams.get(name);
}

export interface SeenResponse {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  /** The response body as text (read from a clone). */
  readonly text: Promise<string>;
}

/** The global fetch, noting each response's status and headers (what the client got back). */
export function recordingFetch(): { readonly fetch: typeof fetch; readonly responses: SeenResponse[] } {
  const responses: SeenResponse[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const text = response.clone().text();
    text.catch(() => {});
    responses.push({ method: init?.method ?? "GET", url, status: response.status, headers: response.headers, text });
    return response;
  };
  return { fetch: fn as typeof fetch, responses };
}
