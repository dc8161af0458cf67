import { describe, expect, it } from "vitest";
import { HeaderError, parseHeader, redactUrl } from "../../generator/load/load.js";
import { isSecretParam, makeScrubber } from "../../generator/load/redact.js";

describe("redactUrl", () => {
  it.each([
    ["https://svc.test/$metadata", "https://svc.test/$metadata"],
    ["https://user:pw@svc.test/$metadata", "https://svc.test/$metadata"],
    ["https://user@svc.test:8443/odata/$metadata", "https://svc.test:8443/odata/$metadata"],
    // The user info ends at the last `@` of the authority, as the URL parser reads it.
    ["https://me%40corp:p@ss@svc.test/$metadata", "https://svc.test/$metadata"],
    ["HTTP://u:p@SVC.test", "HTTP://SVC.test"],
    ["https://svc.test/$metadata?sig=abc&sv=2020&se=x", "https://svc.test/$metadata?sig=***&sv=2020&se=x"],
    ["https://svc.test/m?Access_Token=abc&sap-client=100#frag", "https://svc.test/m?Access_Token=***&sap-client=100#frag"],
    [
      "https://svc.test/m?api-key=1&API_KEY=2&apikey=3&key=4&code=5&password=6&client_secret=7",
      "https://svc.test/m?api-key=***&API_KEY=***&apikey=***&key=***&code=***&password=***&client_secret=***",
    ],
    ["https://s3.test/b?X-Amz-Signature=abc&X-Amz-Credential=def&X-Amz-Date=1", "https://s3.test/b?X-Amz-Signature=***&X-Amz-Credential=***&X-Amz-Date=1"],
    ["https://svc.test/m?token", "https://svc.test/m?token"],
    ["https://svc.test/m?$format=xml&monkey=1&keyboard=2", "https://svc.test/m?$format=xml&monkey=1&keyboard=2"],
    ["https://apim.test/m?subscription-key=0123&authkey=4567", "https://apim.test/m?subscription-key=***&authkey=***"],
    ["https://svc.test/m#access_token=abc&x=1", "https://svc.test/m#***"],
    ["https://svc.test/m?sig=a#t=b", "https://svc.test/m?sig=***#***"],
    ["not a url ?secret=x", "not a url ?secret=x".replace("x", "***")],
  ])("%s → %s", (input, shown) => {
    expect(redactUrl(input)).toBe(shown);
  });

  it("names secret-looking query parameters case-insensitively, percent-encoded or not", () => {
    for (const n of ["sig", "SIG", "token", "id_token", "refresh-token", "access%5Ftoken", "secret", "Password", "pwd", "auth", "X-Goog-Signature"]) {
      expect(isSecretParam(n), n).toBe(true);
    }
    for (const n of ["$format", "sap-client", "lang", "monkey", "keyboard", "version"]) expect(isSecretParam(n), n).toBe(false);
  });
});

describe("makeScrubber", () => {
  it("masks the given secrets, redacts URLs and flattens control characters", () => {
    const scrub = makeScrubber(["s3cr3t-token", "pw"]);
    expect(scrub("bad token s3cr3t-token at https://u:pw@h.test/x?sig=1\r\nX-Forged: 1")).toBe("bad token *** at https://h.test/x?sig=***  X-Forged: 1");
    // Values shorter than 3 characters would mask ordinary words: they are left to the URL redaction.
    expect(scrub("pwned")).toBe("pwned");
  });
});

describe("parseHeader", () => {
  it.each([
    ["Authorization: Bearer abc", { name: "Authorization", value: "Bearer abc" }],
    ["x-api-key:abc", { name: "x-api-key", value: "abc" }],
    ["  X-Trace :  a b  ", { name: "X-Trace", value: "a b" }],
    ["X-Empty:", { name: "X-Empty", value: "" }],
    ["X-Url: https://a.test/b:c", { name: "X-Url", value: "https://a.test/b:c" }],
  ])("%j", (text, parsed) => {
    expect(parseHeader(text)).toEqual(parsed);
  });

  const secret = "Bearer SUPERSECRET";
  it.each([
    [`Authorization ${secret}`, "there is no colon"],
    [`: ${secret}`, "needs a name"],
    [`Auth orization: ${secret}`, "character 5 of the name"],
    [`Authorization: ${secret}\r\nX-Evil: 1`, "the value of header Authorization holds a line break"],
    [`Authorization: ${secret}\n`, "line break"],
    [`Authorization: ${secret}\u0000`, "control character"],
    [`Authorization: ${secret}€`, "outside Latin-1"],
  ])("refuses %j without quoting the value", (text, why) => {
    let thrown: unknown;
    try {
      parseHeader(text);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(HeaderError);
    const message = (thrown as Error).message;
    expect(message).toContain(why);
    expect(message).not.toContain("SUPERSECRET");
    expect(message).not.toContain("Bearer");
  });
});
