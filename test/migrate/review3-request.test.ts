/**
 * Review (review3) of the request and response translators (templates/runtime/migrate.ts) and `codegen migrate-request`
 * with hostile input: nesting deep enough to exhaust the stack, parameter aliases that carry names, casts to unrelated
 * types, and a batch part's Authorization header in the printed output.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../generator/cli/exit-codes.js";
import type { MigrationMap } from "../../templates/runtime/migration-map.js";
import { translateExpression, translateRequest, translateResponse } from "../../templates/runtime/migrate.js";
import { runMain, tempDir } from "../cli/helpers.js";
import { REPO } from "../helpers/paths.js";

const V2 = JSON.parse(
  readFileSync(join(REPO, "generator/diff/maps/outlook-v2.0-to-graph-v1.0.map.json"), "utf8"),
) as MigrationMap;
const O = "https://outlook.office.com/api/v2.0";
const MSG = "Microsoft.OutlookServices.Message";
const DEEP = 20_000;

describe("nesting deep enough to exhaust the stack is a located problem, not a RangeError", () => {
  it("a $filter in 20 000 parentheses", () => {
    const text = `${"(".repeat(DEEP)}IsRead${")".repeat(DEEP)}`;
    const r = translateExpression(V2, MSG, text, "filter");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.reason).toMatch(/nest/);
  });

  it("a $filter of 20 000 `not`s, through translateRequest", () => {
    const r = translateRequest(V2, { method: "GET", url: `${O}/me/messages?$filter=${"not ".repeat(DEEP)}IsRead` });
    expect(r.ok).toBe(false);
  });

  it("an $expand nested 5 000 levels", () => {
    const url = `${O}/me/mailfolders?$expand=${"ChildFolders($expand=".repeat(5000)}ChildFolders${")".repeat(5000)}`;
    const r = translateRequest(V2, { method: "GET", url });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.reason).toMatch(/nest/);
  });

  it("a body of mail folders nested 20 000 levels", () => {
    let body: unknown = { DisplayName: "x" };
    for (let i = 0; i < DEEP; i++) body = { DisplayName: "x", ChildFolders: [body] };
    const r = translateRequest(V2, { method: "POST", url: `${O}/me/mailfolders`, body });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.reason).toMatch(/nest/);
  });

  it("a Graph response nested 20 000 levels does not throw (a hostile server's JSON)", () => {
    let body: unknown = { displayName: "x" };
    for (let i = 0; i < DEEP; i++) body = { displayName: "x", childFolders: [body] };
    expect(() => translateResponse(V2, { method: "GET", url: `${O}/me/mailfolders/x` }, body)).not.toThrow();
    // Shallow levels are still translated.
    const out = translateResponse(V2, { method: "GET", url: `${O}/me/mailfolders/x` }, body) as Record<string, unknown>;
    expect(out.DisplayName).toBe("x");
    expect(out.ChildFolders).toBeDefined();
  });
});

describe("parameter aliases", () => {
  // OData 4.0 part 2 §5.1.1.13 (parameter aliases): an alias's value is any expression, so it can name properties.
  it("an alias whose value names a property is not passed through untranslated", () => {
    const r = translateRequest(V2, { method: "GET", url: `${O}/me/messages?$filter=Subject eq @p&@p=Subject` });
    if (r.ok) expect(r.request.url).not.toContain("@p=Subject");
    else expect(r.problems.map((p) => p.where).join()).toContain("@p");
  });

  it("an alias whose value is a literal is kept", () => {
    const r = translateRequest(V2, { method: "GET", url: `${O}/me/messages?$filter=Subject eq @p&@p='it''s'` });
    expect(r.ok && r.request.url).toBe("https://graph.microsoft.com/v1.0/me/messages?$filter=subject%20eq%20@p&@p='it''s'");
  });
});

describe("casts in the path", () => {
  it("a cast to a type that does not derive from the one addressed is a problem", () => {
    // EventMessage derives from Message, not from Event.
    const r = translateRequest(V2, { method: "GET", url: `${O}/me/events('x')/Microsoft.OutlookServices.EventMessage` });
    expect(r.ok).toBe(false);
  });

  it("a cast to a derived type is translated", () => {
    const r = translateRequest(V2, { method: "GET", url: `${O}/me/messages('x')/Microsoft.OutlookServices.EventMessage` });
    expect(r.ok && r.request.url).toBe("https://graph.microsoft.com/v1.0/me/messages/x/microsoft.graph.eventMessage");
  });
});

describe("codegen migrate-request never prints a header value", () => {
  it("an Authorization header inside a $batch part is not printed", async () => {
    const dir = tempDir();
    const part =
      "--batch_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
      `GET ${O}/me/messages HTTP/1.1\r\nAuthorization: Bearer inner-s3cr3t\r\n\r\n--batch_1--\r\n`;
    writeFileSync(
      join(dir, "batch.json"),
      JSON.stringify([
        {
          method: "POST",
          url: `${O}/me/$batch`,
          headers: { "Content-Type": "multipart/mixed; boundary=batch_1", Authorization: "Bearer outer-s3cr3t" },
          body: part,
        },
      ]),
    );
    for (const format of ["text", "json"]) {
      const r = await runMain(["migrate-request", "--from", "v2.0", "--input", "batch.json", "--format", format], dir);
      expect(r.code).toBe(EXIT.ok);
      expect(r.stdout).toContain("/me/messages");
      expect(r.stdout + r.stderr).not.toContain("s3cr3t");
    }
  });

  it("a request's URL credentials are not printed in the label of a problem", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "two.json"),
      JSON.stringify([
        { method: "GET", url: "https://adele:hunter2@outlook.office.com/api/v2.0/me" },
        { method: "GET", url: `${O}/me` },
      ]),
    );
    const r = await runMain(["migrate-request", "--from", "v2.0", "--input", "two.json"], dir);
    expect(r.code).toBe(EXIT.untranslatable);
    expect(r.stderr).toContain("request 1 (GET https://outlook.office.com/api/v2.0/me)");
    expect(r.stdout + r.stderr).not.toContain("hunter2");
  });

  it("a hostile URL nested too deep exits 5 with a located problem, not 70", async () => {
    const url = `${O}/me/messages?$filter=${"(".repeat(DEEP)}IsRead${")".repeat(DEEP)}`;
    const r = await runMain(["migrate-request", "--from", "v2.0", url], REPO);
    expect(r.code).toBe(EXIT.untranslatable);
    expect(r.stderr).toMatch(/\$filter at column/);
  });
});

describe("problems never echo credentials", () => {
  it("a URL's user name and password are not quoted in the problem", () => {
    const r = translateRequest(V2, { method: "GET", url: "https://adele:hunter2@outlook.office.com/api/v2.0/me" });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain("hunter2");
  });

  it("a malformed query parameter is named by its key, not quoted with its value", () => {
    const r = translateRequest(V2, { method: "GET", url: `${O}/me?access_token=s3cr3t%ZZ` });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain("s3cr3t");
  });
});

describe("a $batch inside a $batch", () => {
  it("is refused at the part, before the inner batch is translated", () => {
    const inner = `--b2\r\nContent-Type: application/http\r\n\r\nGET /api/v2.0/me/messages HTTP/1.1\r\n\r\n--b2--\r\n`;
    const body =
      `--b1\r\nContent-Type: application/http\r\n\r\nPOST /api/v2.0/me/$batch HTTP/1.1\r\nContent-Type: multipart/mixed; boundary=b2\r\n\r\n` +
      `${inner}\r\n--b1--\r\n`;
    const r = translateRequest(V2, {
      method: "POST",
      url: `${O}/me/$batch`,
      headers: { "Content-Type": "multipart/mixed; boundary=b1" },
      body,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ where: "body part 1", reason: "a $batch cannot hold another $batch" }]);
  });
});

describe("a $batch nested 3 000 deep", () => {
  it("is a located problem, not a RangeError", () => {
    let body = "";
    for (let i = 3000; i >= 1; i--) {
      body =
        `--x${i}x\r\nContent-Type: application/http\r\n\r\nPOST /api/v2.0/me/%24batch HTTP/1.1\r\n` +
        `Content-Type: multipart/mixed; boundary=x${i + 1}x\r\n\r\n${body}\r\n--x${i}x--\r\n`;
    }
    const r = translateRequest(V2, {
      method: "POST",
      url: `${O}/me/$batch`,
      headers: { "Content-Type": "multipart/mixed; boundary=x1x" },
      body,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ where: "body part 1", reason: "a $batch cannot hold another $batch" }]);
  });
});

describe("a member path through a collection", () => {
  // OData 4.0 part 2 §5.1.1.10 (lambda operators): a collection's members are reached through any/all, not by a path.
  it("`Attachments/Name` without any/all is a located problem", () => {
    const r = translateExpression(V2, MSG, "Attachments/Name eq 'x'", "filter");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.where).toBe("$filter at column 13");
  });

  it("a cast, any, all and $count after a collection still translate", () => {
    const r = translateExpression(
      V2,
      MSG,
      "Attachments/Microsoft.OutlookServices.FileAttachment/any(a: a/Name eq 'x') and Attachments/$count gt 0 and ToRecipients/all(r: r/EmailAddress/Address ne '')",
      "filter",
    );
    expect(r.ok && r.text).toBe(
      "attachments/microsoft.graph.fileAttachment/any(a: a/name eq 'x') and attachments/$count gt 0 and toRecipients/all(r: r/emailAddress/address ne '')",
    );
  });
});

describe("a system query option given twice", () => {
  // OData 4.0 part 2 §5 (query options): each system query option may be given at most once.
  it("is a located problem, not two options passed on", () => {
    const r = translateRequest(V2, { method: "GET", url: `${O}/me/messages?$filter=Subject eq 'a'&$FILTER=Subject eq 'b'` });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.where).toBe("query parameter `$FILTER`");
  });
});

describe("left as it.fails (low severity; the fix is the author's call)", () => {
  // Outlook's subscription answered with the resource as an Outlook URL; Graph answers with its relative form
  // (`me/mailFolders('inbox')/messages`). translateResponse renames the property but keeps Graph's value, so code that
  // compares the resource with the one it sent (in Outlook's form) no longer matches.
  it.fails("a subscription's resource comes back in Outlook's form", () => {
    const out = translateResponse(V2, { method: "POST", url: `${O}/me/subscriptions` }, {
      id: "s",
      resource: "me/mailFolders('inbox')/messages",
    }) as Record<string, unknown>;
    expect(out.Resource).toBe(`${O}/me/MailFolders('inbox')/Messages`);
  });

  // OData v3's quoted form of isof's type argument: the Outlook type name inside the string is passed to Graph as is.
  it.fails("isof('Microsoft.OutlookServices.EventMessage') is translated or refused, not passed through", () => {
    const r = translateExpression(V2, MSG, "isof('Microsoft.OutlookServices.EventMessage')", "filter");
    if (r.ok) expect(r.text).not.toContain("OutlookServices");
  });
});
