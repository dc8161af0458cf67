// Test helper for batch.test.ts: a small hand-written client and multipart/JSON batch wire helpers.
import type { ClientContext } from "../../templates/runtime/context.js";
import {
  deleteEntity,
  getEntity,
  getStream,
  invokeAction,
  listEntities,
  putStream,
  updateEntity,
} from "../../templates/runtime/http.js";
import { Path } from "../../templates/runtime/path.js";
import type { QueryOptions, RequestOptions } from "../../templates/runtime/types.js";

export interface Message {
  readonly Id: string;
  readonly Subject?: string;
}

const me = Path.root().nav("Me");
const messages = me.nav("Messages");
const message = (id: string) => messages.key(id, "Edm.String");

/** What a generated ServiceClient offers, reduced to a few calls over the runtime. */
export function makeClient(ctx: ClientContext) {
  return {
    message: (id: string, options?: RequestOptions) => getEntity<Message>(ctx, message(id), undefined, options),
    messages: (query?: QueryOptions) => listEntities<Message>(ctx, messages, query),
    userMessages: (upn: string) =>
      listEntities<Message>(ctx, Path.root().nav("Users").anchoredByKey().key(upn, "Edm.String").nav("Messages")),
    update: (id: string, patch: Partial<Message>, options?: RequestOptions) =>
      updateEntity<Message>(ctx, message(id), patch, options),
    remove: (id: string) => deleteEntity(ctx, message(id)),
    reply: (id: string, comment: string) =>
      invokeAction<void>(ctx, message(id).operation("Microsoft.OutlookServices.Reply", "Reply"), { Comment: comment }),
    photo: () => getStream(ctx, me.nav("Photo").nav("$value")),
    setPhoto: (bytes: Uint8Array<ArrayBuffer>) => putStream(ctx, me.nav("Photo").nav("$value"), bytes, "image/jpeg"),
  };
}

export interface PartAnswer {
  readonly status: number;
  readonly reason?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Content-ID header of the response part. */
  readonly contentId?: string;
}

export const ODATA_JSON =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/** A multipart/mixed batch response as Outlook sends it. */
export function multipartResponse(boundary: string, parts: readonly PartAnswer[]): Response {
  let text = "";
  for (const p of parts) {
    text += `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n`;
    if (p.contentId !== undefined) text += `Content-ID: ${p.contentId}\r\n`;
    text += `\r\nHTTP/1.1 ${p.status} ${p.reason ?? "OK"}\r\n`;
    for (const [k, v] of Object.entries(p.headers ?? {})) text += `${k}: ${v}\r\n`;
    text += `\r\n${p.body ?? ""}\r\n`;
  }
  text += `--${boundary}--\r\n`;
  return new Response(text, { status: 200, headers: { "Content-Type": `multipart/mixed; boundary=${boundary}` } });
}

export interface SentPart {
  readonly contentId: string | undefined;
  readonly requestLine: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The parts of a multipart batch request body, to answer them. */
export function readMultipartRequest(body: string, contentType: string): SentPart[] {
  const boundary = /boundary=([^;\s]+)/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const [, ...chunks] = body.split(`--${boundary}`);
  return chunks.slice(0, -1).map((chunk) => {
    const [mime = "", http = ""] = chunk
      .replace(/^\r\n/, "")
      .replace(/\r\n$/, "")
      .split(/\r\n\r\n(.*)/s);
    const [head = "", content = ""] = http.split(/\r\n\r\n(.*)/s);
    const [requestLine = "", ...lines] = head.split("\r\n");
    const headers = Object.fromEntries(lines.map((l) => l.split(": ") as [string, string]));
    return { contentId: /Content-ID: (\S+)/.exec(mime)?.[1], requestLine, headers, body: content };
  });
}
