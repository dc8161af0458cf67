/**
 * The page of the browser test (browser.test.ts): the generated Outlook v2.0 client, bundled by esbuild and run by
 * Chromium from one origin against the simulator on another. Each scenario runs entirely in the page with the
 * browser's own fetch and returns plain data (errors included) for the test to assert; `window.outlookApp` exposes
 * them. Nothing here knows it is under test: no custom fetch, no stubbed timers.
 */
import { createClient, ODataError, startBatch, type ClientOptions } from "../../generated/v2.0/index.js";

/** Where the API is and who calls it. */
export interface Api {
  readonly baseUrl: string;
  readonly token: string;
  readonly anchorMailbox: string;
}

/** A caught error, as data. */
export interface CaughtError {
  readonly isODataError: boolean;
  readonly name: string;
  readonly message: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
}

function client(api: Api, extra: ClientOptions = {}): ReturnType<typeof createClient> {
  return createClient({
    baseUrl: api.baseUrl,
    getAccessToken: () => api.token,
    anchorMailbox: api.anchorMailbox,
    ...extra,
  });
}

function caught(e: unknown): CaughtError {
  if (e instanceof ODataError)
    return {
      isODataError: true,
      name: e.name,
      message: e.message,
      status: e.status,
      code: e.code,
      requestId: e.requestId,
    };
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    isODataError: false,
    name: err.name,
    message: err.message,
    status: undefined,
    code: undefined,
    requestId: undefined,
  };
}

/** Runs `f`; a rejection comes back as `{ error }` so that the test sees what the page saw. */
async function settle<T>(f: () => Promise<T>): Promise<{ readonly value: T } | { readonly error: CaughtError }> {
  try {
    return { value: await f() };
  } catch (e) {
    return { error: caught(e) };
  }
}

const app = {
  /** me.messages.list with $select and $top: the subjects and the properties each message came with. */
  listSelected: (api: Api) =>
    settle(async () => {
      const page = await client(api).me.messages.list({ select: ["Subject", "Importance"], top: 2 });
      return page.value.map((m) => ({ Subject: m.Subject, Importance: m.Importance, keys: Object.keys(m).sort() }));
    }),

  /** me.sendMail, then the subjects in Sent Items (as the page reads them back). */
  sendMail: (api: Api, subject: string, to: string) =>
    settle(async () => {
      const c = client(api);
      const sent = await c.me.sendMail.post({
        Message: {
          Subject: subject,
          Body: { ContentType: "Text", Content: "Sent from a browser." },
          ToRecipients: [{ EmailAddress: { Address: to } }],
        },
        SaveToSentItems: true,
      });
      const items = await c.me.mailFolders.byId("SentItems").messages.list({ select: ["Subject", "ToRecipients"] });
      return {
        returned: sent === undefined ? "undefined" : typeof sent,
        sentItems: items.value.map((m) => ({
          Subject: m.Subject,
          To: (m.ToRecipients ?? []).map((r) => r.EmailAddress?.Address),
        })),
      };
    }),

  /**
   * A list the service throttles once. Backoff jitter is 0, so without a readable Retry-After the retry would be
   * immediate; the waits the client asked for and the time the call took show whether Retry-After was honoured.
   */
  throttledList: (api: Api) =>
    settle(async () => {
      const waits: number[] = [];
      const started = performance.now();
      const page = await client(api, {
        retry: {
          maxAttempts: 3,
          random: () => 0,
          sleep: (ms) => {
            waits.push(ms);
            return new Promise((resolve) => setTimeout(resolve, ms));
          },
        },
      }).me.messages.list({ select: ["Subject"] });
      return { subjects: page.value.map((m) => m.Subject), waits, elapsedMs: performance.now() - started };
    }),

  /** A $batch of two typed parts: a list and a get by id. */
  batchOfTwo: (api: Api, id: string) =>
    settle(async () => {
      const batch = startBatch(client(api));
      const list = batch.add((c) => c.me.messages.list({ select: ["Subject"], top: 1 }));
      const one = batch.add((c) => c.me.messages.byId(id).get({ select: ["Subject", "IsRead"] }));
      await batch.send();
      const [r1, r2] = [await list, await one];
      if (!r1.ok) throw r1.error;
      if (!r2.ok) throw r2.error;
      return {
        list: { status: r1.status, subjects: r1.body.value.map((m) => m.Subject) },
        one: { status: r2.status, id: r2.body.Id, subject: r2.body.Subject, isRead: r2.body.IsRead },
      };
    }),

  /** A get of a message that does not exist: the error as the page caught it. */
  missingMessage: (api: Api, id: string) => settle(() => client(api).me.messages.byId(id).get()),

  /**
   * GETs from a client with no token and no custom headers (the service answers 401). `user` is a mailbox for a
   * users.byId('…') GET, whose key the client sends as x-AnchorMailbox.
   */
  anonymousGet: (baseUrl: string, user?: string) =>
    settle(async () => {
      const c = createClient({ baseUrl });
      const page = user === undefined ? await c.me.messages.list() : await c.users.byId(user).messages.list();
      return page.value.length;
    }),

  /**
   * A list from a service that answers with a redirect, from a client with a token and an API key header. Fetched
   * in manual redirect mode, the browser hides the redirect (an opaque redirect): the page gets RedirectError.
   */
  redirectedList: (baseUrl: string) =>
    settle(async () => {
      const c = createClient({ baseUrl, getAccessToken: () => "tok", headers: { "X-Api-Key": "secret" } });
      return (await c.me.messages.list()).value.length;
    }),
};

export type OutlookApp = typeof app;

declare global {
  interface Window {
    outlookApp: OutlookApp;
  }
}

window.outlookApp = app;
document.title = "outlook app ready";
