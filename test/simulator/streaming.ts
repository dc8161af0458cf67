/**
 * Streaming notifications (fact sheet §3.8, beta): `POST /Me/GetNotifications` with
 * `{ConnectionTimeoutInMinutes, KeepAliveNotificationIntervalInSeconds, SubscriptionIds}` answers
 * 200 and streams (chunked) `{"@odata.context":…,"value":[` then one element per notification of the
 * listed StreamingSubscriptions as changes happen, a KeepAliveNotification every interval, and `]}`
 * when the connection timeout elapses. Unknown, deleted or expired subscriptions: 404.
 *
 *   const streaming = registerStreaming(sim, { subscriptions: registerSubscriptions(sim) });
 *   streaming.cut();                  // destroys the sockets of the open streams
 *   streaming.subscriptions.expire(id) // open streams with it end; the next GetNotifications gets 404
 *
 * Simulator choices where the fact sheet is silent: the durations may be fractional (and are multiplied
 * by `timeScale`) so tests run in milliseconds; notifications of a subscription with no open stream wait
 * for the next one; expiring a subscription closes the streams that include it (the array is closed).
 */
import type { ServerResponse } from "node:http";
import type { RequestContext } from "./context.js";
import { badRequest, bodyError, ServiceError } from "./errors.js";
import { JSON_TYPE, readJson, type SimResponse } from "./http.js";
import { NS } from "./model.js";
import { isPlainObject } from "./payload.js";
import type { OperationRes } from "./resolve.js";
import {
  type NotificationJson,
  registerSubscriptions,
  type SimSubscription,
  type SimulatorHost,
  type SubscriptionOptions,
  type SubscriptionsHandle,
} from "./subscriptions.js";

export interface StreamingOptions {
  /** The subscriptions module to stream from; registered here (with `subscriptionOptions`) when omitted. */
  readonly subscriptions?: SubscriptionsHandle;
  readonly subscriptionOptions?: SubscriptionOptions;
  /** Multiplies every duration the client asks for: 0.001 turns minutes into 60 ms. Default 1. */
  readonly timeScale?: number;
}

export type StreamEnd = "timeout" | "client" | "cut" | "expired" | "closed";

export interface StreamRecord {
  readonly id: number;
  readonly subscriptionIds: readonly string[];
  readonly timeoutMs: number;
  readonly keepAliveMs: number;
  readonly openedAt: number;
  /** Elements written, in order (notifications and keep-alives). */
  readonly written: NotificationJson[];
  closedAt: number | undefined;
  /** Why it ended; undefined while open. */
  end: StreamEnd | undefined;
}

export interface StreamingHandle {
  readonly subscriptions: SubscriptionsHandle;
  /** Every GetNotifications stream, in the order they were opened. */
  readonly streams: readonly StreamRecord[];
  /** The streams still open. */
  open(): StreamRecord[];
  /** Hook: destroys the sockets of the open streams (mid-stream network failure); returns how many. */
  cut(): number;
  /** Closes the open streams (array closed) and, if it registered them, the subscriptions. */
  close(): void;
}

export const KEEP_ALIVE: NotificationJson = { "@odata.type": `#${NS}.KeepAliveNotification`, Status: "Ok" };

interface OpenStream {
  readonly record: StreamRecord;
  readonly res: ServerResponse;
  finish(reason: StreamEnd): void;
  cut(): void;
}

/** A body member by name, any case. */
function member(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : body[key];
}

function duration(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw badRequest("ErrorInvalidParameter", `${name} must be a positive number.`);
  }
  return value;
}

export function registerStreaming(host: SimulatorHost, options: StreamingOptions = {}): StreamingHandle {
  const own = options.subscriptions === undefined;
  const subscriptions = options.subscriptions ?? registerSubscriptions(host, options.subscriptionOptions);
  const scale = options.timeScale ?? 1;
  if (!(scale > 0)) throw new TypeError("timeScale must be positive");
  const streams: StreamRecord[] = [];
  const openStreams = new Set<OpenStream>();
  let nextId = 1;

  // Notifications are written to the first open stream that lists their subscription.
  const unsubscribe = subscriptions.onStreaming((sub: SimSubscription) => {
    for (const s of openStreams) {
      if (!s.record.subscriptionIds.includes(sub.id)) continue;
      if (sub.expired || sub.deleted) s.finish("expired");
      else flush(s);
    }
  });

  function write(s: OpenStream, element: NotificationJson): void {
    const first = s.record.written.length === 0;
    s.record.written.push(element);
    s.res.write(`${first ? "" : ","}${JSON.stringify(element)}`);
  }

  function flush(s: OpenStream): void {
    for (const id of s.record.subscriptionIds) {
      const sub = subscriptions.get(id);
      if (!sub) continue;
      for (const n of sub.pending.splice(0)) write(s, n);
    }
  }

  function getNotifications(ctx: RequestContext, r: OperationRes): SimResponse {
    const body = readJson(ctx.req);
    if (!isPlainObject(body)) throw bodyError("The request body must be a JSON object.");
    const timeoutMinutes = duration(member(body, "ConnectionTimeoutInMinutes"), "ConnectionTimeoutInMinutes", 30);
    const keepAliveSeconds = duration(
      member(body, "KeepAliveNotificationIntervalInSeconds"),
      "KeepAliveNotificationIntervalInSeconds",
      30,
    );
    const ids = member(body, "SubscriptionIds");
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i): i is string => typeof i === "string")) {
      throw badRequest("ErrorInvalidParameter", "SubscriptionIds must be a non-empty array of strings.");
    }
    for (const id of ids) {
      const sub = subscriptions.get(id);
      if (sub && sub.expiresAt <= ctx.store.now().getTime()) sub.expired = true;
      if (!sub || sub.deleted || sub.expired || sub.kind !== "streaming" || sub.mailbox !== r.mailbox) {
        throw new ServiceError(404, "ErrorItemNotFound", `The subscription '${id}' was not found or has expired.`);
      }
    }
    const timeoutMs = Math.max(1, timeoutMinutes * 60_000 * scale);
    const keepAliveMs = Math.max(1, keepAliveSeconds * 1000 * scale);
    const context = `${ctx.serviceRoot}/$metadata#Collection(${NS}.Notification)`;
    return {
      status: 200,
      headers: { "content-type": JSON_TYPE, "cache-control": "no-cache" },
      stream: (res) =>
        new Promise<void>((done) => {
          const record: StreamRecord = {
            id: nextId++,
            subscriptionIds: [...ids],
            timeoutMs,
            keepAliveMs,
            openedAt: Date.now(),
            written: [],
            closedAt: undefined,
            end: undefined,
          };
          streams.push(record);
          let cutting = false;
          const s: OpenStream = {
            record,
            res,
            finish(reason) {
              if (record.end !== undefined) return;
              record.end = cutting ? "cut" : reason;
              record.closedAt = Date.now();
              clearInterval(keepAlive);
              clearTimeout(timeout);
              openStreams.delete(s);
              if (reason !== "client" && !cutting && !res.destroyed) res.end("]}");
              done();
            },
            cut() {
              cutting = true;
              res.socket?.destroy();
              s.finish("cut");
            },
          };
          const keepAlive = setInterval(() => write(s, KEEP_ALIVE), keepAliveMs);
          const timeout = setTimeout(() => s.finish("timeout"), timeoutMs);
          res.on("close", () => s.finish("client"));
          openStreams.add(s);
          res.write(`{"@odata.context":${JSON.stringify(context)},"value":[`);
          flush(s);
        }),
    };
  }

  host.router.use(
    {
      name: "get-notifications",
      match: (ctx, r) => r.kind === "operation" && r.op.name === "GetNotifications" && ctx.method === "POST",
      handle: (ctx, r) => getNotifications(ctx, r as OperationRes),
    },
    "first",
  );

  return {
    subscriptions,
    streams,
    open: () => [...openStreams].map((s) => s.record),
    cut() {
      const all = [...openStreams];
      for (const s of all) s.cut();
      return all.length;
    },
    close() {
      for (const s of [...openStreams]) s.finish("closed");
      unsubscribe();
      if (own) subscriptions.close();
    },
  };
}
