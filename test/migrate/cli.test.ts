/** `codegen migrate-request`: exit codes 0, 2 and 5, text and JSON output, --input, --map, header values never printed. */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../generator/cli/exit-codes.js";
import { expectNoStackTrace, runBin, runMain, tempDir } from "../cli/helpers.js";
import { REPO } from "../helpers/paths.js";

const O = "https://outlook.office.com/api/v2.0";
const G = "https://graph.microsoft.com/v1.0";

describe("codegen migrate-request", () => {
  it("prints the Graph request as text, notes on stderr, and exits 0", async () => {
    const r = await runMain(
      ["migrate-request", "--from", "v2.0", "-H", "Authorization: Bearer s3cr3t-token", "-H", "X-AnchorMailbox: adele@contoso.com", `${O}/me/MailFolders('Inbox')/messages?$select=Subject,From`],
      REPO,
    );
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toBe(`GET ${G}/me/mailFolders/Inbox/messages?$select=subject,from\nAuthorization: (kept as given, not shown)\n`);
    expect(r.stderr).toBe("codegen migrate-request: note: x-AnchorMailbox dropped: Graph routes requests to the mailbox itself\n");
    expect(r.stdout + r.stderr).not.toContain("s3cr3t");
  });

  it("shows the values of headers that carry no secret (a $batch's new Content-Type), never Authorization's", async () => {
    const body = ["--batch_1", "Content-Type: application/http", "Content-Transfer-Encoding: binary", "", "GET /api/v2.0/me/messages HTTP/1.1", "", "", "--batch_1--", ""].join("\r\n");
    const r = await runMain(["migrate-request", "--from", "v2.0", "-X", "POST", "https://outlook.office.com/api/v2.0/me/$batch", "-H", "Content-Type: multipart/mixed; boundary=batch_1", "-H", "Authorization: Bearer s3cret", `--body=${JSON.stringify(body)}`], tempDir());
    expect(r.stdout).toContain("Content-Type: application/json");
    expect(r.stdout).toContain("Authorization: (kept as given, not shown)");
    expect(r.stdout + r.stderr).not.toContain("s3cret");
  });

  it("--method and --body (inline or @file), --format json", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "accept.json"), JSON.stringify({ Comment: "Yes", SendResponse: true }));
    const r = await runMain(["migrate-request", "--from", "v2.0", "--method", "POST", `${O}/me/events('AAk=')/accept`, "--body", "@accept.json", "--format", "json"], dir);
    expect(r.code).toBe(EXIT.ok);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, request: { method: "POST", url: `${G}/me/events/AAk=/accept`, body: { comment: "Yes", sendResponse: true } }, notes: [] });
    const national = await runMain(["migrate-request", "--from", "v2.0", "--root", "https://graph.microsoft.us/v1.0", `${O}/me/events`], dir);
    expect(national.stdout).toBe("GET https://graph.microsoft.us/v1.0/me/events\n");
    const text = await runMain(["migrate-request", "--from", "v2.0", "-X", "PATCH", `${O}/me/messages/AAk=`, "--body", '{"IsRead":true}', "-H", 'Prefer: outlook.timezone="UTC"'], dir);
    expect(text.stdout).toBe(`PATCH ${G}/me/messages/AAk=\nPrefer: outlook.timezone="UTC"\n\n{\n  "isRead": true\n}\n`);
  });

  it("a header given twice is one header with both values: -H 'Prefer: odata.track-changes' -H 'Prefer: odata.maxpagesize=50' keeps both", async () => {
    const url = `${O}/me/MailFolders('Inbox')/messages?$select=Subject`;
    const expected = `GET ${G}/me/mailFolders/Inbox/messages/delta?$select=subject\nPrefer: odata.maxpagesize=50\n`;
    const first = await runMain(["migrate-request", "--from", "v2.0", url, "-H", "Prefer: odata.track-changes", "-H", "Prefer: odata.maxpagesize=50"], REPO);
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toBe(expected);
    expect(first.stderr).toContain("odata.track-changes became Graph's delta function");
    const other = await runMain(["migrate-request", "--from", "v2.0", url, "-H", "Prefer: odata.maxpagesize=50", "-H", "prefer: odata.track-changes"], REPO);
    expect(other.stdout).toBe(expected);
  });

  it("exits 5 when a request cannot be translated, printing each problem", async () => {
    const r = await runMain(["migrate-request", "--from", "v2.0", `${O}/me/TaskFolders?$filter=Colour eq 1`], REPO);
    expect(r.code).toBe(EXIT.untranslatable);
    expect(EXIT.untranslatable).toBe(5);
    expect(r.stderr).toContain("codegen migrate-request: path segment `TaskFolders`: TaskFolders is not a property, navigation, operation or type of Microsoft.OutlookServices.User\n");
    expect(r.stderr).toContain("codegen migrate-request: 1 of 1 request cannot be translated\n");
  });

  it("--input takes an array of requests; JSON output is an array, one failure makes it exit 5", async () => {
    const dir = tempDir();
    const requests = [
      { method: "GET", url: `${O}/me/messages?$orderby=ReceivedDateTime desc`, headers: { Prefer: "odata.maxpagesize=10" } },
      { method: "GET", url: `${O}/me/calendarview?$deltatoken=abc`, headers: { Prefer: "odata.track-changes" } },
    ];
    writeFileSync(join(dir, "requests.json"), JSON.stringify(requests));
    const r = await runMain(["migrate-request", "--from", "v2.0", "--input", "requests.json", "--format", "json"], dir);
    expect(r.code).toBe(EXIT.untranslatable);
    const out = JSON.parse(r.stdout) as { ok: boolean }[];
    expect(out).toEqual([
      { ok: true, request: { method: "GET", url: `${G}/me/messages?$orderby=receivedDateTime%20desc`, headers: { Prefer: "odata.maxpagesize=10" } }, notes: [] },
      { ok: false, problems: [{ where: "header Prefer: odata.track-changes with $deltatoken", reason: expect.stringContaining("token of the Outlook service") }] },
    ]);
    expect(r.stderr).toContain(`request 2 (GET ${O}/me/calendarview?$deltatoken=abc): header Prefer: odata.track-changes with $deltatoken:`);
    writeFileSync(join(dir, "good.json"), JSON.stringify([requests[0]]));
    const good = await runMain(["migrate-request", "--from", "v2.0", "--input", "good.json"], dir);
    expect(good.code).toBe(EXIT.ok);
    expect(good.stdout).toBe(`GET ${G}/me/messages?$orderby=receivedDateTime%20desc\nPrefer: odata.maxpagesize=10\n`);
  });

  it("--map reads a map file; its version must be --from's", async () => {
    const dir = tempDir();
    copyFileSync(join(REPO, "generator/diff/maps/outlook-v1.0-to-graph-v1.0.map.json"), join(dir, "v1.json"));
    // v1.0's Folders are Graph's mailFolders (the v1.0 rename table); v1.0 had no subscriptions.
    const folders = await runMain(["migrate-request", "--map", "v1.json", "https://outlook.office.com/api/v1.0/me/folders"], dir);
    expect([folders.code, folders.stdout]).toEqual([EXIT.ok, `GET ${G}/me/mailFolders\n`]);
    const r = await runMain(["migrate-request", "--map", "v1.json", "https://outlook.office.com/api/v1.0/me/subscriptions"], dir);
    expect(r.code).toBe(EXIT.untranslatable);
    expect(r.stderr).toContain("path segment `subscriptions`");
    const ok = await runMain(["migrate-request", "--map", "v1.json", "https://outlook.office.com/api/v1.0/me/events"], dir);
    expect([ok.code, ok.stdout]).toEqual([EXIT.ok, `GET ${G}/me/events\n`]);
    const mismatch = await runMain(["migrate-request", "--from", "v2.0", "--map", "v1.json", `${O}/me`], dir);
    expect(mismatch.code).toBe(EXIT.usage);
    expect(mismatch.stderr).toContain("translates v1.0, not --from v2.0");
  });

  it("exits 2 on usage mistakes, with a located message and no stack trace", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), "{ not json");
    writeFileSync(join(dir, "obj.json"), '{"from":{"label":"v2.0","namespace":"x"}}');
    writeFileSync(join(dir, "one.json"), JSON.stringify([{ method: "GET" }]));
    const cases: [string[], string][] = [
      [[`${O}/me`], "needs --from"],
      [["--from", "v2.0"], "give the Outlook URL"],
      [["--from", "v2.0", `${O}/me`, `${O}/me`], "one URL at a time"],
      [["--from", "v9.9", `${O}/me`], "no shipped map for --from v9.9"],
      [["--from", "../../etc", `${O}/me`], "no shipped map"],
      [["--from", "v2.0", "--map", "bad.json", `${O}/me`], "--map bad.json:"],
      [["--from", "v2.0", "--map", "obj.json", `${O}/me`], "not a migration map: map.to is missing"],
      [["--from", "v2.0", "--body", "{x", `${O}/me`], "--body: not JSON"],
      [["--from", "v2.0", "--body", "@missing.json", `${O}/me`], "--body @missing.json: no such file"],
      [["--from", "v2.0", "--input", "one.json"], '--input one.json [0]: a request needs "method" and "url" strings'],
      [["--from", "v2.0", "--input", "bad.json"], "--input: not JSON"],
      [["--from", "v2.0", "--input", "one.json", `${O}/me`], "do not go together"],
      [["--from", "v2.0", "--format", "yaml", `${O}/me`], "Invalid values"],
      [["--from", "v2.0", "--frob", `${O}/me`], "Unknown argument"],
      [["--from", "v2.0", "-H", "no colon", `${O}/me`], "--header"],
    ];
    for (const [args, message] of cases) {
      const r = await runMain(["migrate-request", ...args], dir);
      expect([args, r.code]).toEqual([args, EXIT.usage]);
      expect(r.stderr).toContain(message);
      expectNoStackTrace(r.stderr);
    }
  });

  it("--help exits 0; the real bin exits 5 and 0", async () => {
    const help = await runMain(["migrate-request", "--help"], REPO);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain("codegen migrate-request --from <version>");
    const bad = await runBin(["migrate-request", "--from", "v2.0", `${O}/me/JoinedGroups`], REPO);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toContain("path segment `JoinedGroups`: User.JoinedGroups has no Microsoft Graph counterpart: Graph v1.0's user has no joinedGroups");
    const good = await runBin(["migrate-request", "--from", "v2.0", "--format", "json", `${O}/me/ReminderView(StartDateTime='2017-06-05T10:00:00',EndDateTime='2017-06-11T11:00:00')`], REPO);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).request.url).toBe(`${G}/me/reminderView(startDateTime='2017-06-05T10:00:00',endDateTime='2017-06-11T11:00:00')`);
    expect(readFileSync(join(REPO, "generator/cli/exit-codes.ts"), "utf8")).toContain("untranslatable: 5");
  });
});
