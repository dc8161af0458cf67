import { describe, expect, it } from "vitest";
import {
  createContext,
  errorFromResponse,
  getEntity,
  isMailboxNotEnabledForRestApi,
  isODataError,
  MailboxErrorCodes,
  ODataError,
  Path,
} from "../../templates/runtime/index.js";
import { fakeFetch, json } from "./fake-fetch.js";

describe("ODataError", () => {
  it("reads an Outlook error body and the request-id header", async () => {
    const body = { error: { code: "MailboxNotEnabledForRESTAPI", message: "REST API is not yet supported for this mailbox." } };
    const f = fakeFetch(json(body, 404, { "request-id": "rid-1", "client-request-id": "cid-1" }));
    const ctx = createContext({ fetch: f.fetch }, { baseUrl: "https://outlook.office.com/api/v2.0", sendAnchorMailbox: true });
    const err: unknown = await getEntity(ctx, Path.root().nav("Me")).catch((e: unknown) => e);
    expect(isODataError(err)).toBe(true);
    expect(err).toBeInstanceOf(Error);
    const e = err as ODataError;
    expect({ ...e, message: e.message }).toEqual({
      name: "ODataError",
      message: "MailboxNotEnabledForRESTAPI: REST API is not yet supported for this mailbox.",
      status: 404,
      code: "MailboxNotEnabledForRESTAPI",
      requestId: "rid-1",
      details: body.error,
      method: "GET",
      url: "https://outlook.office.com/api/v2.0/Me",
      headers: expect.any(Headers),
    });
    expect(e.headers.get("request-id")).toBe("rid-1");
    expect(isMailboxNotEnabledForRestApi(err)).toBe(true);
  });

  it("handles a non-JSON 500 body", async () => {
    const e = await errorFromResponse(
      new Response("<html>Internal Server Error</html>", { status: 500, headers: { "client-request-id": "cid-2" } }),
      "POST",
      "https://h/x",
    );
    expect([e.name, e.status, e.code, e.requestId, e.details, e.method, e.url, e.message]).toEqual([
      "ODataError",
      500,
      "HttpError500",
      "cid-2",
      "<html>Internal Server Error</html>",
      "POST",
      "https://h/x",
      "HttpError500: POST https://h/x failed with HTTP 500",
    ]);
    expect(isMailboxNotEnabledForRestApi(e)).toBe(false);
  });

  it("falls back to innererror request-id and OData 4.0 message objects", async () => {
    const body = { error: { code: "X", message: { lang: "en", value: "Bad." }, innererror: { "request-id": "inner-1" } } };
    const e = await errorFromResponse(json(body, 400), "GET", "https://h/y");
    expect([e.code, e.message, e.requestId]).toEqual(["X", "X: Bad.", "inner-1"]);
    const empty = await errorFromResponse(new Response(null, { status: 401 }), "GET", "https://h/z");
    expect([empty.code, empty.details, empty.requestId]).toEqual(["HttpError401", "", undefined]);
    const noError = await errorFromResponse(json({ message: "nope" }, 403), "GET", "https://h/z");
    expect([noError.code, noError.details]).toEqual(["HttpError403", '{"message":"nope"}']);
  });

  it("recognises both mailbox codes and nothing else", () => {
    const make = (code: string) =>
      new ODataError({ message: code, status: 404, code, requestId: undefined, details: undefined, method: "GET", url: "u" });
    expect(isMailboxNotEnabledForRestApi(make(MailboxErrorCodes.NotSupported))).toBe(true);
    expect(isMailboxNotEnabledForRestApi(make(MailboxErrorCodes.NotEnabled))).toBe(true);
    expect(isMailboxNotEnabledForRestApi(make("ErrorAccessDenied"))).toBe(false);
    expect(isMailboxNotEnabledForRestApi({ code: MailboxErrorCodes.NotEnabled })).toBe(false);
    expect(isODataError(new Error("x"))).toBe(false);
  });
});
