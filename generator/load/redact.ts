/**
 * Secrets in URLs: a metadata URL may carry a user name and password, or a signed query (`sig=…`, `token=…`).
 * Every URL that is shown (diagnostics, messages, the header of generated files) goes through `redactUrl` first.
 */

/** Shown in place of a secret query value. */
export const MASK = "***";

// Names compared lower-cased with `-`, `_` and `.` removed.
const SECRET_NAMES = new Set(["sig", "code", "key", "pwd", "pass", "auth", "jwt", "sid", "session", "sessionid", "ticket", "otp"]);
const SECRET_PARTS = [
  "token",
  "secret",
  "password",
  "passwd",
  "apikey",
  "signature",
  "credential",
  "authorization",
  "sessionkey",
  "privatekey",
  "accesskey",
  "subscriptionkey",
  "authkey",
  "sessid",
];

/** Whether a query parameter of this name probably holds a secret (`sig`, `access_token`, `api-key`, `X-Amz-Signature`…). */
export function isSecretParam(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    // keep the name as given
  }
  const n = decoded.toLowerCase().replace(/[-_.\s]/g, "");
  return SECRET_NAMES.has(n) || SECRET_PARTS.some((p) => n.includes(p));
}

/**
 * The URL as it may be shown: the user-info part (`user:password@`) is dropped entirely, and the value of every
 * query parameter whose name looks like a secret becomes `***`. Everything else is kept exactly as written, so a URL
 * without secrets comes back unchanged. Works on the text, so it also copes with strings that are not valid URLs.
 */
export function redactUrl(url: string): string {
  // Like the WHATWG parser: the authority runs to the first `/`, `?`, `#` or `\`; its user info ends at its last `@`.
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#\\]*)(.*)$/is.exec(url);
  if (!m) return redactQuery(url);
  const [, scheme = "", authority = "", rest = ""] = m;
  const at = authority.lastIndexOf("@");
  return scheme + (at < 0 ? authority : authority.slice(at + 1)) + redactQuery(rest);
}

function redactQuery(text: string): string {
  // A fragment never reaches the server, and may carry a token (`#access_token=…`): shown as `#***` when it has values.
  const f = text.indexOf("#");
  if (f >= 0 && text.slice(f).includes("=")) return `${redactQuery(text.slice(0, f))}#${MASK}`;
  const q = text.indexOf("?");
  if (q < 0) return text;
  const hash = text.indexOf("#", q);
  const end = hash < 0 ? text.length : hash;
  const query = text
    .slice(q + 1, end)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0) return pair;
      return isSecretParam(pair.slice(0, eq)) ? `${pair.slice(0, eq)}=${MASK}` : pair;
    })
    .join("&");
  return `${text.slice(0, q + 1)}${query}${text.slice(end)}`;
}

/** Text as it may be shown: every URL in it redacted as redactUrl does (user info dropped, secret query values masked). */
export function redactText(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (u) => redactUrl(u));
}

/**
 * A function that makes any text safe to show: every http(s) URL in it is redacted, and every given secret (header
 * values, the URL's password, the Basic credentials built from it) is replaced by `***`, as are control characters.
 */
export function makeScrubber(secrets: readonly string[]): (text: string) => string {
  // A header value such as `Bearer abc…` or `key=abc…, sig=def…` is also masked by its parts, as a server may echo
  // only the token. Longest first, so a secret that contains another is masked whole; very short values would mask
  // ordinary words.
  const parts = secrets.flatMap((s) => [s, ...s.split(/[\s,;=]+/).filter((p) => p.length >= 6 && !SCHEMES.has(p.toLowerCase()))]);
  const list = [...new Set(parts.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const s of list) out = out.split(s).join(MASK);
    out = out.replace(/https?:\/\/[^\s"'<>]+/gi, (u) => redactUrl(u));
    return out.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
  };
}

const SCHEMES = new Set(["bearer", "basic", "digest", "negotiate", "apikey", "token"]);
