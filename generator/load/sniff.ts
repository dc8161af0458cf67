/**
 * What a metadata answer or file holds when it is plainly not CSDL XML: an HTML page (a login or error page) or
 * JSON (CSDL JSON, or the service document). Told apart here so the user reads why, not the XML parser's
 * complaint about a DTD or a missing root element.
 */

export interface Sniffed {
  readonly code: "metadata-is-html" | "metadata-is-json";
  readonly message: string;
}

/** `from` is the wording of the source: "the URL answered with" or "the file holds". */
export function sniffNotCsdl(text: string, contentType: string | undefined, from: "url" | "file"): Sniffed | undefined {
  const head = text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (head.startsWith("<?xml") || head.includes("<edmx")) return undefined;
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const prefix = from === "url" ? "the URL answered with" : "the file holds";
  const html = /^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/.test(head);
  if (html || type === "text/html" || type === "application/xhtml+xml") {
    return {
      code: "metadata-is-html",
      message:
        from === "url"
          ? `${prefix} an HTML page, not CSDL; is it a login page? Check the URL (it usually ends in /$metadata) and pass credentials with --header or the config's headers`
          : `${prefix} an HTML page, not CSDL; is it a saved login or error page? Save the service's $metadata as XML instead`,
    };
  }
  const json = head.startsWith("{") || head.startsWith("[") || (!head.startsWith("<") && (type === "application/json" || type.endsWith("+json")));
  if (!json) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    value = undefined;
  }
  const obj = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const ask =
    from === "url"
      ? "request $metadata as XML (Accept: application/xml, which codegen sends unless a header overrides it, or ?$format=xml)"
      : "save $metadata as XML instead";
  if (obj && typeof obj["$Version"] === "string") {
    return { code: "metadata-is-json", message: `${prefix} CSDL JSON; codegen reads CSDL XML only: ${ask}` };
  }
  if (obj && ("@odata.context" in obj || "@context" in obj) && Array.isArray(obj["value"])) {
    return {
      code: "metadata-is-json",
      message: `${prefix} the OData service document (JSON), not $metadata; ${from === "url" ? "append /$metadata to the URL" : "save $metadata as XML instead"}`,
    };
  }
  return { code: "metadata-is-json", message: `${prefix} JSON, not CSDL XML; ${ask}` };
}
