/**
 * People and Tasks (beta) and the User photo (v2.0, beta) end to end: the generated clients over real HTTP against
 * the simulator (fact sheet §3.9–§3.11). Results and the requests the simulator saw are checked.
 */
import { describe, expect, it } from "vitest";
import { createEntity } from "../simulator/entities.js";
import type { Simulator } from "../simulator/server.js";
import {
  ALICE,
  beta,
  BOB,
  clientOptions,
  collect,
  drain,
  lines,
  NS,
  png,
  rejectionOf,
  type Seen,
  useSimulator,
  v2,
} from "./harness.js";

function expectAuthAndAnchor(list: readonly Seen[], anchor = ALICE): void {
  for (const s of list) expect([s.auth, s.anchor], `${s.method} ${s.path}`).toEqual(["Bearer test-token", anchor]);
}

// ---- People (beta) ----------------------------------------------------------------------------------------------

const PEOPLE: readonly { name: string; source: string; company: string; rank: number }[] = [
  { name: "Zoe Zimmer", source: "Mailbox", company: "Contoso", rank: 9 },
  { name: "Ann Beebe", source: "Contacts", company: "Fabrikam", rank: 8 },
  { name: "Carl Carlsen", source: "Communication History", company: "Contoso", rank: 7 },
  { name: "Dana Dorn", source: "Directory", company: "Contoso", rank: 6 },
  { name: "Eve Evans", source: "Communication History", company: "Fabrikam", rank: 5 },
  { name: "Fred Fox", source: "Mailbox", company: "Contoso", rank: 4 },
  { name: "Gina Gray", source: "Contacts", company: "Contoso", rank: 3 },
  { name: "Hank Hill", source: "Directory", company: "Contoso", rank: 2 },
  { name: "Ivy Irwin", source: "Mailbox", company: "Contoso", rank: 1 },
  { name: "Jon Jones", source: "Communication History", company: "Contoso", rank: 0.5 },
  { name: "Kim Kent", source: "Directory", company: "Contoso", rank: 0.4 },
  { name: "Joanne Beebe", source: "Contacts", company: "Fabrikam", rank: 0.3 },
];

/** Seeds Alice's beta People, in relevance order (the order the service returns them). */
function seedPeople(sim: Simulator): void {
  const mb = sim.store.mailbox(ALICE, "beta");
  for (const p of PEOPLE) {
    const [given, surname] = p.name.split(" ");
    const address = `${(given ?? "").toLowerCase()}@${p.company.toLowerCase()}.com`;
    createEntity(
      mb,
      mb.node,
      "People",
      `${NS}.Person`,
      {
        DisplayName: p.name,
        GivenName: given,
        Surname: surname,
        CompanyName: p.company,
        EmailAddresses: [{ Address: address, Rank: p.rank }],
        Sources: [{ Type: p.source }],
        PersonType: "Person",
      },
      { seed: true },
    );
  }
}

describe("People (beta)", () => {
  const sim = useSimulator();
  const names = (list: readonly { DisplayName?: string | null }[]): (string | null | undefined)[] => list.map((p) => p.DisplayName);

  it("lists by relevance, 10 a page; $top, $skip, $select and $orderby=DisplayName", async () => {
    seedPeople(sim());
    const people = beta.createClient(clientOptions(sim(), "beta")).me.people;
    const first = await people.list();
    expect(names(first.value)).toEqual(PEOPLE.slice(0, 10).map((p) => p.name));
    expect(first["@odata.nextLink"]).toBe(`${sim().baseUrl("beta")}/Me/People?$skip=10`);
    const all = await collect(people.items({ select: ["DisplayName", "EmailAddresses"] }));
    expect(names(all)).toEqual(PEOPLE.map((p) => p.name));
    expect(all[1]?.EmailAddresses).toEqual([{ Address: "ann@fabrikam.com", Rank: 8 }]);
    expect(Object.keys(all[1] ?? {}).sort()).toEqual(["@odata.etag", "@odata.id", "DisplayName", "EmailAddresses", "Id"]);
    const sorted = await people.list({ orderby: ["DisplayName"], top: 3, skip: 2 });
    expect(names(sorted.value)).toEqual(["Dana Dorn", "Eve Evans", "Fred Fox"]);
    const desc = await people.list({ orderby: ["DisplayName desc"], top: 2 });
    expect(names(desc.value)).toEqual(["Zoe Zimmer", "Kim Kent"]);
    const requests = drain(sim());
    expect(requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ["GET", "/Me/People", {}],
      ["GET", "/Me/People", { $select: "DisplayName,EmailAddresses" }],
      ["GET", "/Me/People", { $select: "DisplayName,EmailAddresses", $skip: "10" }],
      ["GET", "/Me/People", { $orderby: "DisplayName", $top: "3", $skip: "2" }],
      ["GET", "/Me/People", { $orderby: "DisplayName desc", $top: "2" }],
    ]);
    expectAuthAndAnchor(requests);
  });

  it("$search by name and $filter on Sources", async () => {
    seedPeople(sim());
    const people = beta.createClient(clientOptions(sim(), "beta")).me.people;
    expect(names((await people.list({ search: "beebe" })).value)).toEqual(["Ann Beebe", "Joanne Beebe"]);
    expect(names((await people.list({ search: '"fabrikam"', top: 1 })).value)).toEqual(["Ann Beebe"]);
    const fromHistory = await people.list({ filter: "Sources/Any(source: source/Type eq 'Communication History')" });
    expect(names(fromHistory.value)).toEqual(["Carl Carlsen", "Eve Evans", "Jon Jones"]);
    const contactsAtFabrikam = await people.list({
      filter: "Sources/Any(s: s/Type eq 'Contacts') and CompanyName eq 'Fabrikam'",
      orderby: ["DisplayName desc"],
    });
    expect(names(contactsAtFabrikam.value)).toEqual(["Joanne Beebe", "Ann Beebe"]);
    const requests = drain(sim());
    expect(requests.map((r) => r.query)).toEqual([
      { $search: '"beebe"' }, // issue 12: the client quotes a bare $search value
      { $search: '"fabrikam"', $top: "1" },
      { $filter: "Sources/Any(source: source/Type eq 'Communication History')" },
      { $filter: "Sources/Any(s: s/Type eq 'Contacts') and CompanyName eq 'Fabrikam'", $orderby: "DisplayName desc" },
    ]);
    expectAuthAndAnchor(requests);
  });
});

// ---- Tasks (beta) -----------------------------------------------------------------------------------------------

/** The instant of a DateTimeTimeZone in UTC or Pacific Standard Time (PDT, UTC-7, in July). */
function instant(v: { DateTime?: string | null; TimeZone?: string | null } | null | undefined): number {
  const offset = v?.TimeZone === "UTC" ? "Z" : v?.TimeZone === "Pacific Standard Time" ? "-07:00" : "?";
  return Date.parse(`${(v?.DateTime ?? "").slice(0, 19)}${offset}`);
}

describe("Tasks (beta)", () => {
  const sim = useSimulator();

  it("task groups and task folders: create, list, rename, delete", async () => {
    const me = beta.createClient(clientOptions(sim(), "beta")).me;
    const groups = await me.taskGroups.list();
    expect(groups.value.map((g) => [g.Name, g.IsDefaultGroup])).toEqual([["My Tasks", true]]);
    const group = await me.taskGroups.create({ Name: "Projects" });
    expect(group).toMatchObject({ Name: "Projects" });
    const renamed = await me.taskGroups.byId(group.Id ?? "").update({ Name: "Work projects" });
    expect(renamed?.Name).toBe("Work projects");
    const folder = await me.taskGroups.byId(group.Id ?? "").taskFolders.create({ Name: "Launch" });
    expect(folder.ParentGroupKey).toBe(group.GroupKey);
    expect((await me.taskFolders.list()).value.map((f) => [f.Name, f.IsDefaultFolder])).toEqual([
      ["Tasks", true],
      ["Launch", false],
    ]);
    expect((await me.taskFolders.byId(folder.Id ?? "").update({ Name: "Launch 2.0" }))?.Name).toBe("Launch 2.0");
    expect((await me.taskGroups.byId(group.Id ?? "").taskFolders.list()).value.map((f) => f.Name)).toEqual(["Launch 2.0"]);
    await me.taskFolders.byId(folder.Id ?? "").delete();
    await me.taskGroups.byId(group.Id ?? "").delete();
    expect((await me.taskGroups.list()).value.map((g) => g.Name)).toEqual(["My Tasks"]);
    const defaultGroup = groups.value[0]?.Id ?? "";
    const refused = await rejectionOf(me.taskGroups.byId(defaultGroup).delete());
    expect(refused).toMatchObject({ name: "ODataError", status: 400, code: "ErrorCannotDeleteObject" });
    const requests = drain(sim());
    expect(requests.filter((r) => r.method !== "GET").map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/Me/TaskGroups", { Name: "Projects" }],
      ["PATCH", `/Me/TaskGroups('${group.Id}')`, { Name: "Work projects" }],
      ["POST", `/Me/TaskGroups('${group.Id}')/TaskFolders`, { Name: "Launch" }],
      ["PATCH", `/Me/TaskFolders('${folder.Id}')`, { Name: "Launch 2.0" }],
      ["DELETE", `/Me/TaskFolders('${folder.Id}')`, undefined],
      ["DELETE", `/Me/TaskGroups('${group.Id}')`, undefined],
      ["DELETE", `/Me/TaskGroups('${defaultGroup}')`, undefined],
    ]);
    expectAuthAndAnchor(requests);
  });

  it("creates tasks (default folder and a named one), reads dates in a time zone, completes one", async () => {
    sim().store.now = () => new Date("2016-07-06T18:00:00Z");
    const me = beta.createClient(clientOptions(sim(), "beta")).me;
    const folder = await me.taskFolders.create({ Name: "Errands" });
    const inFolder = await me.taskFolders.byId(folder.Id ?? "").tasks.create({ Subject: "Buy milk", Importance: "Low" });
    expect(inFolder.ParentFolderId).toBe(folder.Id);
    const task = await me.tasks.create({
      Subject: "File report",
      Importance: "High",
      StartDateTime: { DateTime: "2016-07-05T15:30:00", TimeZone: "UTC" },
      DueDateTime: { DateTime: "2016-07-07T00:00:00", TimeZone: "UTC" },
    });
    // The time of day is dropped (midnight in the given zone).
    expect(task.StartDateTime).toEqual({ DateTime: "2016-07-05T00:00:00.0000000", TimeZone: "UTC" });
    expect(task.Status).toBe("NotStarted");
    const pacific = await me.tasks.byId(task.Id ?? "").get({ select: ["DueDateTime"] }, { timeZone: "Pacific Standard Time" });
    // The same instant either way. (The simulator converts only event times for outlook.timezone and answers
    // tasks in UTC; the service documents task dates in the preferred zone, i.e. 2016-07-06T17:00 Pacific.)
    expect(instant(pacific.DueDateTime)).toBe(Date.parse("2016-07-07T00:00:00Z"));
    const done = await me.tasks.byId(task.Id ?? "").complete.post();
    expect(done.value).toEqual([expect.objectContaining({ Id: task.Id, Status: "Completed" })]);
    expect(done.value[0]?.CompletedDateTime).toEqual({ DateTime: "2016-07-06T00:00:00.0000000", TimeZone: "UTC" });
    const open = await me.tasks.list({ filter: "Status ne 'Completed'", select: ["Subject"] });
    expect(open.value.map((t) => t.Subject)).toEqual(["Buy milk"]);
    const requests = drain(sim());
    expect(requests.map((r) => [r.method, r.path, r.prefer])).toEqual([
      ["POST", "/Me/TaskFolders", undefined],
      ["POST", `/Me/TaskFolders('${folder.Id}')/Tasks`, undefined],
      ["POST", "/Me/Tasks", undefined],
      ["GET", `/Me/Tasks('${task.Id}')`, 'outlook.timezone="Pacific Standard Time"'],
      ["POST", `/Me/Tasks('${task.Id}')/Complete`, undefined],
      ["GET", "/Me/Tasks", undefined],
    ]);
    expect(requests[4]?.body).toBeUndefined();
    expectAuthAndAnchor(requests);
  });
});

// ---- User photo (v2.0, beta) ------------------------------------------------------------------------------------

async function readAll(body: ReadableStream<Uint8Array>): Promise<{ bytes: Buffer; chunks: number }> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}

describe.each(["v2.0", "beta"] as const)("User photo (%s)", (version) => {
  const sim = useSimulator();
  const client = (): v2.ServiceClient =>
    (version === "v2.0"
      ? v2.createClient(clientOptions(sim(), version))
      : beta.createClient(clientOptions(sim(), version))) as unknown as v2.ServiceClient;

  it("metadata, $value as bytes and as a stream, set with setContent; for another user too", async () => {
    const photo = client().me.photo;
    expect(await photo.get()).toMatchObject({ "@odata.mediaContentType": "image/gif", Width: 1, Height: 1 });
    const placeholder = await photo.getContent();
    expect([placeholder.status, placeholder.headers.get("content-type")]).toEqual([200, "image/gif"]);
    expect(Buffer.from(await placeholder.arrayBuffer()).subarray(0, 6).toString("latin1")).toBe("GIF89a");

    const image = png(96, 96);
    expect(await photo.setContent(image, "image/png")).toBeUndefined();
    expect(sim().store.mailbox(ALICE, version).photo?.bytes.equals(image)).toBe(true);
    const meta = await photo.get();
    expect(meta).toMatchObject({ "@odata.mediaContentType": "image/png", Id: "96X96", Width: 96, Height: 96 });
    expect(meta["@odata.mediaEtag"]).toMatch(/^".+"$/);
    const bytes = new Uint8Array(await (await photo.getContent()).arrayBuffer());
    expect(bytes).toEqual(image);
    const streamed = await photo.getContent();
    expect(streamed.headers.get("content-type")).toBe("image/png");
    expect(streamed.body).not.toBeNull();
    const { bytes: fromStream, chunks } = await readAll(streamed.body as ReadableStream<Uint8Array>);
    expect(new Uint8Array(fromStream)).toEqual(image);
    expect(chunks).toBeGreaterThanOrEqual(1);

    // Another user's photo: users('upn') with that user's x-AnchorMailbox.
    const bob = client().users.byId(BOB).photo;
    const bobImage = png(48, 64);
    await bob.setContent(new Blob([bobImage], { type: "image/png" }), "image/png");
    expect(await bob.get()).toMatchObject({ Width: 48, Height: 64, "@odata.mediaContentType": "image/png" });
    expect(new Uint8Array(await (await bob.getContent()).arrayBuffer())).toEqual(bobImage);

    const requests = drain(sim());
    expect(requests.map((r) => [r.method, r.path, r.anchor, r.contentType])).toEqual([
      ["GET", "/Me/Photo", ALICE, undefined],
      ["GET", "/Me/Photo/$value", ALICE, undefined],
      ["PUT", "/Me/Photo/$value", ALICE, "image/png"],
      ["GET", "/Me/Photo", ALICE, undefined],
      ["GET", "/Me/Photo/$value", ALICE, undefined],
      ["GET", "/Me/Photo/$value", ALICE, undefined],
      ["PUT", `/Users('${BOB}')/Photo/$value`, BOB, "image/png"],
      ["GET", `/Users('${BOB}')/Photo`, BOB, undefined],
      ["GET", `/Users('${BOB}')/Photo/$value`, BOB, undefined],
    ]);
    expect(requests.every((r) => r.auth === "Bearer test-token")).toBe(true);
  });

  if (version === "beta") {
    it("Photos: the standard sizes up to the uploaded one, each with its $value", async () => {
      const me = beta.createClient(clientOptions(sim(), "beta")).me;
      expect((await me.photos.list()).value).toEqual([]);
      await me.photo.setContent(png(240, 240), "image/png");
      const sizes = await me.photos.list({ select: ["Width", "Height"] });
      expect(sizes.value.map((p) => [p.Id, p.Width, p.Height])).toEqual([
        ["48X48", 48, 48],
        ["64X64", 64, 64],
        ["96X96", 96, 96],
        ["120X120", 120, 120],
        ["240X240", 240, 240],
      ]);
      const small = await me.photos.byId("48x48").getContent();
      expect([small.status, small.headers.get("content-type")]).toEqual([200, "image/png"]);
      await small.body?.cancel();
      expect((await me.photos.byId("120x120").get()).Width).toBe(120);
      const tooBig = await rejectionOf(me.photos.byId("360x360").get());
      expect(tooBig).toMatchObject({ name: "ODataError", status: 404, code: "ErrorItemNotFound" });
      const client = beta.createClient(clientOptions(sim(), "beta"));
      await client.users.byId(BOB).photo.setContent(png(64, 64), "image/png");
      expect((await client.users.byId(BOB).photos.list()).value.map((p) => p.Id)).toEqual(["48X48", "64X64"]);
      const requests = drain(sim());
      expect(lines(requests)).toEqual([
        "GET /Me/Photos",
        "PUT /Me/Photo/$value",
        "GET /Me/Photos",
        "GET /Me/Photos('48x48')/$value",
        "GET /Me/Photos('120x120')",
        "GET /Me/Photos('360x360')",
        `PUT /Users('${BOB}')/Photo/$value`,
        `GET /Users('${BOB}')/Photos`,
      ]);
      expect(requests.map((r) => r.anchor)).toEqual([...Array(6).fill(ALICE), BOB, BOB]);
    });
  }
});
