/**
 * Fetching `$metadata` from a URL. The server is untrusted and the request may carry secrets, so:
 * credentials in the URL are sent as Basic auth and never shown; header values never appear in a message;
 * redirects are followed by hand (at most 5) and the user's headers are not sent to another origin; one time limit
 * covers connecting, the headers and the whole body; the body is read with a size limit; every failure names its
 * cause in words, with a stable code.
 */
import { STATUS_CODES } from "node:http";
import { headerProblem } from "./header.js";
import { makeScrubber, redactUrl } from "./redact.js";
import { DEFAULT_MAX_METADATA_BYTES, formatSize } from "./size.js";

export const DEFAULT_TIMEOUT_MS = 30_000;
/** The longest time limit a timer can keep (2^31 - 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;
/** The default size limit of an answer (size.ts: 100 MB). */
export const DEFAULT_MAX_BYTES = DEFAULT_MAX_METADATA_BYTES;
export const MAX_REDIRECTS = 5;

export interface FetchMetadataOptions {
  /** Request headers (values are secrets). A user's `Accept` or `Authorization` replaces the one codegen would send. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly fetch?: typeof fetch;
}

export type FetchedMetadata =
  /** The body's bytes, undecoded: decode.ts reads them in the encoding the document (or the Content-Type) names. */
  | { readonly ok: true; readonly bytes: Uint8Array; readonly contentType: string | undefined }
  | { readonly ok: false; readonly code: string; readonly message: string };

const fail = (code: string, message: string): FetchedMetadata => ({ ok: false, code, message });

class Deadline extends Error {}

/** 30 000 → "30 s", 1500 → "1.5 s", 200 → "0.2 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 3 : 1))} s`;
}

export async function fetchMetadata(source: string, options: FetchMetadataOptions = {}): Promise<FetchedMetadata> {
  const shown = redactUrl(source);
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;

  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return fail("fetch-bad-url", `could not fetch metadata: ${shown} is not a valid URL`);
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
    return fail("fetch-bad-option", "could not fetch metadata: the size limit must be a whole number of bytes above 0");
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS)
    return fail("fetch-bad-option", `could not fetch metadata: the time limit must be above 0 and at most ${MAX_TIMEOUT_MS} ms (about 24 days)`);

  // Credentials from the URL become a Basic Authorization header; the URL itself is sent without them.
  const secrets: string[] = [];
  const user = safeDecode(url.username);
  const password = safeDecode(url.password);
  const hadCredentials = url.username !== "" || url.password !== "";
  secrets.push(url.username, url.password, user, password);
  url.username = "";
  url.password = "";

  const given = Object.entries(options.headers ?? {});
  for (const [name, value] of given) {
    const problem = headerProblem(name, value);
    if (problem !== undefined) return fail("fetch-bad-header", `could not fetch metadata: ${problem}`);
    secrets.push(value);
  }
  const has = (name: string): boolean => given.some(([n]) => n.toLowerCase() === name);
  const accept = given.find(([n]) => n.toLowerCase() === "accept")?.[1] ?? "application/xml";
  const headers: Record<string, string> = { ...(has("accept") ? {} : { Accept: accept }), ...Object.fromEntries(given) };
  if (hadCredentials && !has("authorization")) {
    const basic = Buffer.from(`${user}:${password}`, "utf8").toString("base64");
    secrets.push(basic);
    headers["Authorization"] = `Basic ${basic}`;
  }
  const sentCredentials = hadCredentials || given.some(([n]) => n.toLowerCase() !== "accept");
  const urlCredentials = hadCredentials && !has("authorization");
  const scrub = makeScrubber(secrets);

  // One time limit for everything; `within` also ends waits on a fetch that ignores the abort signal.
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Deadline());
      controller.abort();
    }, timeoutMs);
  });
  deadline.catch(() => undefined);
  const within = <T>(p: Promise<T>): Promise<T> => Promise.race([p, deadline]);

  let phase: "connect" | "body" = "connect";
  let current = url;
  try {
    let send = headers;
    let leftOrigin = false;
    let res: Response;
    for (let hops = 0; ; hops++) {
      res = await within(fetchImpl(current.href, { headers: send, redirect: "manual", signal: controller.signal }));
      if (![301, 302, 303, 307, 308].includes(res.status)) break;
      void res.body?.cancel().catch(() => undefined);
      const location = res.headers.get("location");
      if (location === null) return fail("fetch-redirect", `could not fetch metadata from ${shown}: HTTP ${res.status} redirect without a Location`);
      if (hops >= MAX_REDIRECTS) return fail("fetch-redirect", `could not fetch metadata from ${shown}: more than ${MAX_REDIRECTS} redirects`);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return fail("fetch-redirect", `could not fetch metadata from ${shown}: redirected to an invalid URL`);
      }
      if (next.protocol !== "http:" && next.protocol !== "https:") {
        return fail("fetch-redirect", `could not fetch metadata from ${shown}: redirected to a ${scrub(next.protocol)} URL, which codegen does not follow`);
      }
      next.username = "";
      next.password = "";
      // The user's headers (and the Basic credentials) go to the origin they were given for, nowhere else.
      if (next.origin !== url.origin && !leftOrigin) {
        leftOrigin = true;
        send = { Accept: accept };
      }
      current = next;
    }
    const at = current.href === url.href ? shown : `${shown} (redirected to ${redactUrl(current.href)})`;

    if (!res.ok) {
      const excerpt = await within(readExcerpt(res, scrub)).catch(() => "");
      const said = excerpt === "" ? "" : `; the server said: "${scrub(excerpt)}"`;
      return fail(httpCode(res.status), `could not fetch metadata from ${at}: ${httpFailure(res.status, { sentCredentials, urlCredentials, leftOrigin })}${said}`);
    }

    const tooLarge = (): FetchedMetadata =>
      fail(
        "fetch-too-large",
        `could not fetch metadata from ${at}: the answer is larger than ${formatSize(maxBytes)}, too large to be a metadata document (the limit is set with --max-metadata-size or the config's maxMetadataSize)`,
      );
    const declared = Number(res.headers.get("content-length") ?? NaN);
    if (declared > maxBytes) {
      void res.body?.cancel().catch(() => undefined);
      return tooLarge();
    }
    phase = "body";
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (res.body !== null) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await within(reader.read());
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          void reader.cancel().catch(() => undefined);
          return tooLarge();
        }
        chunks.push(value);
      }
    }
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    chunks.length = 0;
    return { ok: true, bytes, contentType: res.headers.get("content-type") ?? undefined };
  } catch (e) {
    if (e instanceof Deadline) {
      return fail(
        "fetch-timeout",
        phase === "connect"
          ? `could not fetch metadata: no answer within ${seconds(timeoutMs)} from ${shown}`
          : `could not fetch metadata: the answer from ${shown} did not arrive completely within ${seconds(timeoutMs)}`,
      );
    }
    return transportFailure(e, current, shown, phase, scrub);
  } finally {
    clearTimeout(timer);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function statusText(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? `HTTP ${status}` : `HTTP ${status} ${text}`;
}

function httpCode(status: number): string {
  if (status === 401 || status === 403) return "fetch-unauthorized";
  if (status === 404 || status === 410) return "fetch-not-found";
  return "fetch-http-status";
}

function httpFailure(status: number, how: { sentCredentials: boolean; urlCredentials: boolean; leftOrigin: boolean }): string {
  const st = statusText(status);
  if (status === 401 || status === 403) {
    if (how.leftOrigin)
      return `the server refused the request (${st}) after a redirect to another origin, where the headers and credentials are not sent; give the final URL instead`;
    if (how.urlCredentials) return `the server refused the user name and password given in the URL (${st}); check them`;
    if (how.sentCredentials) return `the server refused the credentials (${st}); check the header given with --header or the config's headers`;
    return `the server refused the request without credentials (${st}); pass a header with --header or the config's headers (e.g. --header "Authorization: Bearer …")`;
  }
  if (status === 404 || status === 410) return `nothing there (${st}); check the URL (a service's metadata usually is at …/$metadata)`;
  if (status >= 500) return `the server failed (${st})`;
  return st;
}

/** Up to 160 characters of an error answer, as plain one-line text (an HTML page gives its title). */
async function readExcerpt(res: Response, scrub: (text: string) => string): Promise<string> {
  if (res.body === null) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < 4096) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  void reader.cancel().catch(() => undefined);
  // Secrets are masked in the raw text, before anything is collapsed or cut: a secret cut in half would not match.
  let text = scrub(new TextDecoder("utf-8").decode(Buffer.concat(chunks).subarray(0, 4096)));
  if (/html/i.test(res.headers.get("content-type") ?? "") || /^\s*<(!doctype|html)/i.test(text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
    text = title ?? text.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, " ").replace(/<[^>]*>/g, " ");
  }
  text = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, " ").trim();
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** The first `code` along an error's cause chain (and an AggregateError's errors). */
export function errorCode(e: unknown, depth = 0): string | undefined {
  if (typeof e !== "object" || e === null || depth > 5) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && code !== "") return code;
  const errors = (e as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const c = errorCode(inner, depth + 1);
      if (c !== undefined) return c;
    }
  }
  return errorCode((e as { cause?: unknown }).cause, depth + 1);
}

function innermostMessage(e: unknown): string {
  let at: unknown = e;
  for (let i = 0; i < 5; i++) {
    const cause = (at as { cause?: unknown } | null)?.cause;
    if (typeof cause !== "object" || cause === null) break;
    at = cause;
  }
  return at instanceof Error ? at.message : String(at);
}

const CA_HINT = "if the server uses a certificate from your own or your company's CA, point NODE_EXTRA_CA_CERTS at that CA's PEM file";

const TLS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  CERT_NOT_YET_VALID: "its TLS certificate is not valid yet; check this machine's clock",
  DEPTH_ZERO_SELF_SIGNED_CERT: `its TLS certificate is self-signed; ${CA_HINT}`,
  SELF_SIGNED_CERT_IN_CHAIN: `its TLS certificate chain ends in a self-signed certificate that is not trusted; ${CA_HINT}`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: `its TLS certificate's issuer is not known; ${CA_HINT}`,
  UNABLE_TO_GET_ISSUER_CERT: `its TLS certificate's issuer is not known; ${CA_HINT}`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `its TLS certificate's issuer is not known; ${CA_HINT}`,
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is not issued for this host name; use the host name the certificate names",
  CERT_REVOKED: "its TLS certificate has been revoked",
  CERT_SIGNATURE_FAILURE: "its TLS certificate's signature is invalid",
};

function transportFailure(e: unknown, current: URL, shown: string, phase: "connect" | "body", scrub: (t: string) => string): FetchedMetadata {
  const code = errorCode(e);
  const host = current.hostname;
  const from = `could not fetch metadata from ${shown}`;
  const tls = code === undefined ? undefined : TLS[code];
  if (tls !== undefined) return fail("fetch-tls", `${from}: ${tls} (${code})`);
  if (code !== undefined && /^ERR_SSL_|^ERR_TLS_|^EPROTO$/.test(code))
    return fail("fetch-tls", `${from}: the TLS handshake failed (${code}); is the port an https port?`);
  switch (code) {
    case "ECONNREFUSED":
      return fail("fetch-refused", `${from}: connection refused (ECONNREFUSED); is the server running, and on this port?`);
    case "ENOTFOUND":
      return fail("fetch-dns", `${from}: the host name ${scrub(host)} was not found (ENOTFOUND); check its spelling, your network and proxy`);
    case "EAI_AGAIN":
      return fail(
        "fetch-dns",
        `${from}: the host name ${scrub(host)} could not be looked up (EAI_AGAIN, a temporary DNS failure); check your network, then try again`,
      );
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return fail(
        "fetch-reset",
        phase === "connect"
          ? `${from}: the connection was closed before an answer came (${code})`
          : `${from}: the connection was closed before the whole answer came (${code})`,
      );
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return fail("fetch-timeout", `${from}: the connection timed out (${code})`);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ENETDOWN":
      return fail("fetch-unreachable", `${from}: the host cannot be reached (${code}); check your network`);
    default: {
      // Fetch refuses some ports (SMTP, IRC, …) outright, with just these words.
      if (code === undefined && innermostMessage(e) === "bad port") {
        return fail("fetch-bad-url", `${from}: port ${current.port} is one that fetch refuses to use (it belongs to another protocol)`);
      }
      const detail = scrub(innermostMessage(e)).slice(0, 200);
      return fail("fetch-failed", `${from}: ${detail}${code !== undefined && !detail.includes(code) ? ` (${scrub(code)})` : ""}`);
    }
  }
}
