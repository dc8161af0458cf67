/**
 * The scenarios test/cap/cap.test.ts runs against SAP CAP: typed code over the client that codegen generated from
 * the running service's $metadata. This file is copied to <out>/usage/ beside the generated package, type-checked
 * there with strict TypeScript (5.9 and 7), then imported by the test and run. It does not compile in place (its
 * imports name the generated folders), so the repository's tsconfig leaves it out.
 *
 * Each scenario works on its own rows of the seed data (test/cap/server/db/data), so their order does not matter.
 */
import { expect } from "vitest";
import { getStream, nodeState, putStream } from "../runtime/index.js";
import {
  BatchErrorCodes,
  createClient,
  ODataError,
  type BatchResult,
  type ClientOptions,
  startBatch,
  type ProjectsNode,
  type ServiceClient,
} from "../tracker/index.js";

export interface Env {
  /** Service root, e.g. http://127.0.0.1:41234/tracker */
  readonly service: string;
}

interface Seen {
  readonly method: string;
  /** The URL below the service root, as sent (not decoded). */
  readonly url: string;
  readonly headers: Headers;
  readonly body: string | undefined;
}

/** A client for the service, whose requests are recorded. */
function connect(env: Env, options: ClientOptions = {}): { readonly c: ServiceClient; readonly seen: Seen[] } {
  const seen: Seen[] = [];
  const c = createClient({
    baseUrl: env.service,
    getAccessToken: () => "fake-token", // CAP runs with dummy auth: any token passes
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      seen.push({
        method: init?.method ?? "GET",
        url: url.startsWith(env.service) ? url.slice(env.service.length) : url,
        headers: new Headers(init?.headers),
        body: typeof init?.body === "string" ? init.body : undefined,
      });
      return fetch(input, init);
    },
    ...options,
  });
  return { c, seen };
}

/** The error a promise rejects with; fails when it resolves. */
async function failure(p: Promise<unknown>): Promise<ODataError> {
  const outcome = await p.then(
    (v) => ({ resolved: v }),
    (e: unknown) => ({ rejected: e }),
  );
  if (!("rejected" in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.resolved)}`);
  expect(outcome.rejected).toBeInstanceOf(ODataError);
  return outcome.rejected as ODataError;
}

function okBody<T>(r: BatchResult<T>): T {
  if (!r.ok) throw new Error(`batch part failed: ${r.status} ${r.error.message}`);
  return r.body;
}

const lines = (seen: readonly Seen[]): string[] => seen.map((s) => `${s.method} ${decodeURIComponent(s.url)}`);

/** Create, read, update, list with query options, count and delete a project. */
export async function crud(env: Env): Promise<void> {
  const { c, seen } = connect(env);
  const before = await c.projects.count();
  expect(before).toBe((await c.projects.list()).value.length);

  const created = await c.projects.create({ id: "p-crud", name: "Delta", budget: 1500.25, startsOn: "2025-01-02" });
  expect(created).toMatchObject({
    id: "p-crud",
    name: "Delta",
    budget: 1500.25,
    startsOn: "2025-01-02",
    archived: false,
  });
  expect(await c.projects.count()).toBe(before + 1);

  const read = await c.projects.byId("p-crud").get({ select: ["id", "name", "budget"] });
  expect(Object.keys(read).filter((k) => !k.startsWith("@"))).toEqual(["id", "name", "budget"]);
  expect([read.id, read.name, read.budget]).toEqual(["p-crud", "Delta", 1500.25]);

  const updated = await c.projects.byId("p-crud").update({ name: "Delta II", archived: true });
  expect(updated).toMatchObject({ id: "p-crud", name: "Delta II", archived: true, budget: 1500.25 });
  expect((await c.projects.byId("p-crud").get()).name).toBe("Delta II");

  const page = await c.projects.list({
    filter: "archived eq false and budget gt 100",
    orderby: ["budget desc"],
    select: ["id", "budget"],
    top: 5,
    count: true,
  });
  expect(page.value.map((p) => [p.id, p.budget])).toEqual([
    ["p1", 125000.5],
    ["p2", 9800],
  ]);
  expect(page["@odata.count"]).toBe(2);
  const skipped = await c
    .projects
    .list({ filter: "length(id) eq 2", orderby: ["id"], skip: 1, top: 2, select: ["id"] });
  expect(skipped.value.map((p) => p.id)).toEqual(["p2", "p3"]);

  await c.projects.byId("p-crud").delete();
  const gone = await failure(c.projects.byId("p-crud").get());
  expect([gone.status, gone.code, gone.method]).toEqual([404, "404", "GET"]);
  expect(gone.url).toBe(`${env.service}/Projects('p-crud')`);
  expect(await c.projects.count()).toBe(before);

  expect(lines(seen).slice(0, 6)).toEqual([
    "GET /Projects/$count",
    "GET /Projects",
    "POST /Projects",
    "GET /Projects/$count",
    "GET /Projects('p-crud')?$select=id,name,budget",
    "PATCH /Projects('p-crud')",
  ]);
  expect(seen[0]?.headers.get("Authorization")).toBe("Bearer fake-token");
  expect(JSON.parse(seen[2]?.body ?? "")).toEqual({
    id: "p-crud",
    name: "Delta",
    budget: 1500.25,
    startsOn: "2025-01-02",
  });
}

/** Create through a navigation, deep insert, nested $expand with options, a single-valued navigation. */
export async function navigation(env: Env): Promise<void> {
  const { c, seen } = connect(env);
  const viaNav = await c
    .projects.byId("p2")
    .tasks.create({ id: "t-nav", title: "Pack the tent", priority: 3, tags: ["field"] });
  expect(viaNav).toMatchObject({ id: "t-nav", project_id: "p2", priority: 3, tags: ["field"], done: false });
  expect((await c.tasks.byId("t-nav").project.get()).name).toBe("Borealis");

  const deep = await c.projects.create({
    id: "p-deep",
    name: "Deep",
    tasks: [
      {
        id: "t-deep1",
        title: "First",
        notes: [
          { text: "n1", author: "Ada" },
          { text: "n2", author: "Ben" },
        ],
      },
      { id: "t-deep2", title: "Second", watchers: [{ name: "Cy", email: "cy@example.org" }] },
    ],
    milestones: [{ id: "ms-deep", title: "Kick-off", due: "2025-02-01" }],
  });
  expect(deep.id).toBe("p-deep");

  const expanded = await c.projects.byId("p-deep").get({
    select: ["id", "name"],
    expand: {
      tasks: {
        select: ["id", "title", "watchers"],
        orderby: ["id desc"],
        expand: { notes: { select: ["text"], orderby: ["text desc"] } },
      },
      milestones: { select: ["title", "due"] },
    },
  });
  expect(expanded.tasks?.map((t) => t.id)).toEqual(["t-deep2", "t-deep1"]);
  expect(expanded.tasks?.[0]?.watchers).toEqual([{ name: "Cy", email: "cy@example.org" }]);
  expect(expanded.tasks?.[1]?.notes?.map((n) => n.text)).toEqual(["n2", "n1"]);
  expect(expanded.milestones?.map((m) => [m.title, m.due])).toEqual([["Kick-off", "2025-02-01"]]);
  expect(decodeURIComponent(seen.at(-1)?.url ?? "")).toBe(
    "/Projects('p-deep')?$select=id,name&$expand=tasks($select=id,title,watchers;$expand=notes($select=text;$orderby=text desc);$orderby=id desc),milestones($select=title,due)",
  );

  // $filter, $top and $count inside $expand
  const open = await c.projects.byId("p1").get({
    select: ["id"],
    expand: { tasks: { filter: "done eq false", orderby: ["priority desc"], top: 1, select: ["id", "priority"] } },
  });
  expect(open.tasks).toEqual([{ id: "t1", priority: 3 }]);
  const counted = await c
    .projects
    .list({ filter: "id eq 'p1'", select: ["id"], expand: { tasks: { count: true, top: 1, select: ["id"] } } });
  expect((counted.value[0] as Record<string, unknown> | undefined)?.["tasks@odata.count"]).toBe(3);
}

/** Both key forms: Tasks('t4') and key-as-segment Tasks/t4, including nested keys, a Guid key and a write. */
export async function keys(env: Env): Promise<void> {
  const paren = connect(env);
  const segment = connect(env, { keyStyle: "segment" });
  const a = await paren.c.tasks.byId("t4").get({ select: ["id", "title", "estimate"] });
  const b = await segment.c.tasks.byId("t4").get({ select: ["id", "title", "estimate"] });
  expect([b.id, b.title, b.estimate]).toEqual(["t4", "Survey the northern lights", 12]);
  expect([a.id, a.title, a.estimate]).toEqual([b.id, b.title, b.estimate]);
  expect(paren.seen[0]?.url).toBe("/Tasks('t4')?$select=id,title,estimate");
  expect(segment.seen[0]?.url).toBe("/Tasks/t4?$select=id,title,estimate");

  // Nested keys and a bound function through them.
  expect((await segment.c.projects.byId("p2").tasks.byId("t5").summary({ maxLength: 13 }).get()).value).toBe("Calibrate the");
  expect(segment.seen.at(-1)?.url).toBe("/Projects/p2/tasks/t5/summary(maxLength=13)");
  // A Guid key is unquoted in both forms.
  const note = "8b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
  expect((await segment.c.notes.byId(note).get()).text).toBe("Supplier confirmed");
  expect((await paren.c.notes.byId(note).get()).text).toBe("Supplier confirmed");
  expect([segment.seen.at(-1)?.url, paren.seen.at(-1)?.url]).toEqual([`/Notes/${note}`, `/Notes(${note})`]);

  // A key that needs escaping, written through one form and read through the other.
  await paren.c.tasks.create({ id: "it's 50%", title: "Quoted" });
  expect(paren.seen.at(-1)?.url).toBe("/Tasks");
  const updated = await segment.c.tasks.byId("it's 50%").update({ title: "Quoted, then patched" });
  expect(segment.seen.at(-1)?.url).toBe("/Tasks/it's%2050%25");
  expect(updated?.title).toBe("Quoted, then patched");
  expect((await paren.c.tasks.byId("it's 50%").get()).title).toBe("Quoted, then patched");
  expect(paren.seen.at(-1)?.url).toBe("/Tasks('it''s%2050%25')");
  await segment.c.tasks.byId("it's 50%").delete();
  expect((await failure(paren.c.tasks.byId("it's 50%").get())).status).toBe(404);
}

/** Bound, collection-bound and unbound actions and functions, with complex parameters and results. */
export async function operations(env: Env): Promise<void> {
  const { c, seen } = connect(env);

  // Bound action returning the entity; its side effect (a note) is visible through a navigation.
  const done = await c.tasks.byId("t2").complete.post({ note: "Fuel ordered" });
  expect(done).toMatchObject({ id: "t2", done: true });
  expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/Tasks('t2')/complete", body: '{"note":"Fuel ordered"}' });
  const notes = await c.tasks.byId("t2").notes.list({ filter: "author eq 'complete()'", select: ["text"] });
  expect(notes.value.map((n) => n.text)).toEqual(["Fuel ordered"]);
  const twice = await failure(c.tasks.byId("t2").complete.post({}));
  expect([twice.status, twice.code, twice.message]).toEqual([409, "409", "409: Task 't2' is already done"]);

  // Bound action with a complex parameter and a collection-of-complex result.
  const watchers = await c.tasks.byId("t5").addWatcher.post({ person: { name: "Cy", email: "cy@example.org" } });
  expect(watchers.value).toEqual([{ name: "Cy", email: "cy@example.org" }]);
  expect((await c.tasks.byId("t5").get()).watchers).toEqual([{ name: "Cy", email: "cy@example.org" }]);
  const invalid = await failure(c.tasks.byId("t5").addWatcher.post({ person: { name: "Nobody" } }));
  expect([invalid.status, invalid.message]).toEqual([400, "400: person.email is required"]);

  // Bound functions: primitive (as { value }) and complex results.
  expect((await c.tasks.byId("t4").summary({ maxLength: 12 }).get()).value).toBe("Survey the n");
  expect((await c.tasks.byId("t4").summary().get()).value).toBe("Survey the northern lights [open, p2]");
  expect(await c.tasks.byId("t4").forecast({ factor: 1.5 }).get()).toMatchObject({
    hours: 18,
    confidence: 0.5,
    basis: "12 h x 1.5",
  });
  expect(seen.at(-1)?.url).toBe("/Tasks('t4')/forecast(factor=1.5)");
  // Namespace-qualified, as a bound operation named like a property must be addressed.
  const qualified = connect(env, { qualifiedOperations: true });
  expect(await qualified.c.tasks.byId("t1").forecast({ factor: 2 }).get()).toMatchObject({ hours: 17, basis: "8.5 h x 2" });
  expect(qualified.seen.at(-1)?.url).toBe("/Tasks('t1')/TrackerService.forecast(factor=2)");

  // Bound to the collection: an action and a function.
  expect((await c.tasks.reprioritize.post({ fromPriority: 1, toPriority: 4 })).value).toBe(1); // t5 (t3 is done)
  expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/Tasks/reprioritize" });
  expect((await c.tasks.byId("t5").get()).priority).toBe(4);
  expect((await c.tasks.highest({ tag: "docs" }).get())?.id).toBe("t1");
  expect((await c.tasks.highest({ tag: "field" }).get())?.id).toBe("t5");
  expect(seen.at(-1)?.url).toBe("/Tasks/highest(tag='field')");

  // Bound action on another entity set.
  await c.projects.create({ id: "p-arch", name: "Echo" });
  expect(await c.projects.byId("p-arch").archive.post({ reason: "cancelled" })).toMatchObject({
    archived: true,
    name: "Echo (cancelled)",
  });

  // Unbound action with a complex parameter (holding collections) returning an entity.
  const drafted = await c.createTask.post({
    projectId: "p2",
    draft: { title: "Drafted", priority: 1, tags: ["a", "b"], watchers: [{ name: "Dee", email: "dee@example.org" }] },
  });
  expect(drafted).toMatchObject({ project_id: "p2", title: "Drafted", priority: 1, tags: ["a", "b"], done: false });
  expect(drafted?.id).toMatch(/^t-[0-9a-f]{8}$/);
  expect((await c.tasks.byId(drafted?.id ?? "").get()).watchers).toEqual([{ name: "Dee", email: "dee@example.org" }]);

  // Unbound action with a collection of complex values and no result.
  const nothing = await c.notify.post({
    subject: "Status",
    recipients: [
      { name: "Ada", email: "ada@example.org" },
      { name: "Ben", email: "ben@example.org" },
    ],
  });
  expect(nothing).toBeUndefined();
  const deliveries = await c
    .deliveries
    .list({ filter: "subject eq 'Status'", orderby: ["recipient"], select: ["recipient"] });
  expect(deliveries.value.map((d) => d.recipient)).toEqual(["ada@example.org", "ben@example.org"]);
  const empty = await failure(c.notify.post({ subject: "Nobody", recipients: [] }));
  expect([empty.status, empty.message]).toEqual([400, "400: recipients must not be empty"]);

  // Unbound functions: complex result, collection of entities, complex parameter (as an alias), anonymous type.
  const load = await c.workload({ email: "ben@example.org" }).get();
  expect(load).toMatchObject({
    person: "ben@example.org",
    open: 1,
    done: 1,
    hours: 12,
    titles: ["Order rocket fuel", "Survey the northern lights"],
  });
  expect(seen.at(-1)?.url).toBe("/workload(email='ben@example.org')");
  expect((await c.findTasks({ text: "launch", onlyOpen: true }).list()).value.map((t) => t.id)).toEqual(["t1"]);
  expect((await c.findTasks({ text: "launch", onlyOpen: false }).list()).value.map((t) => t.id)).toEqual(["t1", "t3"]);
  expect((await c.countMatching({ filter: { minPriority: 3, tag: "plan" } }).get()).value).toBe(1);
  expect(decodeURIComponent(seen.at(-1)?.url ?? "")).toBe(
    '/countMatching(filter=@filter)?@filter={"minPriority":3,"tag":"plan"}',
  );
  expect((await c.countMatching({ filter: { tag: "ops" } }).get()).value).toBe(3); // t2, t3 (done, still tagged), t5
  expect(await c.serverInfo().get()).toMatchObject({ name: "cap-tracker", build: 42 });
}

/** The singleton: read, update, $select. */
export async function singleton(env: Env): Promise<void> {
  const { c, seen } = connect(env);
  expect(await c.settings.get()).toMatchObject({ id: 1, theme: "dark", pageSize: 25, notifications: true });
  expect(await c.settings.update({ theme: "light", pageSize: 50 })).toMatchObject({
    theme: "light",
    pageSize: 50,
    notifications: true,
  });
  const selected = await c.settings.get({ select: ["theme"] });
  expect(selected.theme).toBe("light");
  expect(selected.pageSize).toBeUndefined();
  expect(lines(seen)).toEqual(["GET /Settings", "PATCH /Settings", "GET /Settings?$select=theme"]);
}

/** The media stream property Projects.logo, uploaded and downloaded byte for byte. */
export async function media(env: Env): Promise<void> {
  const { c, seen } = connect(env);
  // codegen emits no accessor for stream properties (only for HasStream entities): the runtime addresses them.
  const project = c.projects.byId("p1");
  const { ctx, path } = nodeState(project);
  const logo = path.nav("logo");
  const before = await getStream(ctx, logo);
  expect(before.status).toBe(204);
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]);
  await putStream(ctx, logo, bytes, "image/png");
  expect(seen.at(-1)).toMatchObject({ method: "PUT", url: "/Projects('p1')/logo" });
  expect(seen.at(-1)?.headers.get("Content-Type")).toBe("image/png");
  const after = await getStream(ctx, logo);
  expect(after.status).toBe(200);
  expect(after.headers.get("Content-Type")).toMatch(/^image\/png/);
  expect([...new Uint8Array(await after.arrayBuffer())]).toEqual([...bytes]);
  const entity = await project.get();
  expect(entity.logoType).toBe("image/png");
  expect((entity as Record<string, unknown>)["logo@odata.mediaContentType"]).toBe("image/png");
  // Replaced, through a key-as-segment path this time.
  const segment = nodeState(connect(env, { keyStyle: "segment" }).c.projects.byId("p1"));
  await putStream(segment.ctx, segment.path.nav("logo"), new TextEncoder().encode("<svg/>"), "image/svg+xml");
  const svg = await getStream(ctx, logo);
  expect([svg.headers.get("Content-Type"), await svg.text()]).toEqual(["image/svg+xml", "<svg/>"]);
}

/** Optimistic concurrency on Milestones: 428 without If-Match, If-Match from @odata.etag, 412 when stale. */
export async function etags(env: Env): Promise<void> {
  const { c, seen } = connect(env);
  const milestone = c.milestones.byId("ms2");
  const first = await milestone.get();
  const etag = first["@odata.etag"];
  expect(etag).toMatch(/^W\/".+"$/);

  const required = await failure(milestone.update({ title: "No If-Match" }));
  expect([required.status, required.code, required.method]).toEqual([428, "428", "PATCH"]);
  expect(seen.at(-1)?.headers.get("If-Match")).toBeNull();

  const updated = await milestone.update({ title: "Launch (moved)" }, { ifMatch: etag });
  expect(seen.at(-1)?.headers.get("If-Match")).toBe(etag);
  expect(updated?.title).toBe("Launch (moved)");
  const next = updated?.["@odata.etag"];
  expect(next).toMatch(/^W\/".+"$/);
  expect(next).not.toBe(etag);

  const stale = await failure(milestone.update({ title: "Stale" }, { ifMatch: etag }));
  expect([stale.status, stale.code]).toEqual([412, "412"]);
  expect((await failure(milestone.delete({ ifMatch: etag }))).status).toBe(412);
  expect((await failure(milestone.delete())).status).toBe(428);
  expect((await milestone.get()).title).toBe("Launch (moved)");

  // "*" matches any version.
  expect(await milestone.update({ reached: true }, { ifMatch: "*" })).toMatchObject({ reached: true });
  const latest = (await milestone.get())["@odata.etag"];
  await milestone.delete({ ifMatch: latest });
  expect((await failure(milestone.get())).status).toBe(404);
}

/** Server-driven paging: nextLinks relative to the context URL, at the root and below a key. */
export async function paging(env: Env): Promise<void> {
  const { c, seen } = connect(env);
  const pages: number[][] = [];
  for await (const page of c.activities.pages()) pages.push(page.value.map((a) => a.seq ?? -1));
  expect(pages).toEqual([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8],
  ]);
  expect(seen.map((s) => s.url)).toEqual(["/Activities", "/Activities?%24skiptoken=3", "/Activities?%24skiptoken=6"]);

  // The query options stay in the nextLink.
  const kinds: string[] = [];
  for await (const a of c
    .activities
    .items({ filter: "kind eq 'comment' or kind eq 'create'", select: ["seq", "kind"] }))
    kinds.push(`${a.seq}:${a.kind}`);
  expect(kinds).toEqual(["1:create", "2:create", "5:comment", "8:comment"]);

  // Below a key, CAP's nextLink (Tasks('t1')/notes?…) is relative to its context URL ../$metadata, not to the
  // request URL: resolved against the request URL it would read Tasks('t1')/Tasks('t1')/notes.
  seen.length = 0;
  const texts: string[] = [];
  for await (const n of c.tasks.byId("t1").notes.items()) texts.push(n.text ?? "");
  expect(texts).toEqual(["Draft is in the wiki", "Needs sign-off", "Launch window fixed"]);
  expect(seen.map((s) => s.url)).toEqual(["/Tasks('t1')/notes", "/Tasks('t1')/notes?%24skiptoken=2"]);
  expect(await c.tasks.byId("t1").notes.count()).toBe(3);
}

/** $batch, multipart: a change set with a Content-ID reference, a failed change set rolled back. */
export async function batchMultipart(env: Env): Promise<void> {
  const { c, seen } = connect(env);
  // CAP resolves only relative part URLs (Tasks('t4')), not absolute paths (/tracker/Tasks('t4')).
  const batch = startBatch(c, { relativeUrls: true });
  const read = batch.add((x) => x.tasks.byId("t4").get({ select: ["id", "title"] }));
  const project = batch.add((x) => x.projects.create({ id: "p-batch", name: "Batched" }), {
    id: "p",
    atomicityGroup: "cs",
  });
  const task = batch.add((x) => batch.ref<ProjectsNode>(x, "p").tasks.create({ id: "t-batch", title: "Via $p" }), {
    atomicityGroup: "cs",
  });
  const listed = batch.add((x) => batch.ref<ProjectsNode>(x, "p").tasks.list({ select: ["id", "title"] }));
  const summary = batch.add((x) => x.tasks.byId("t4").summary({ maxLength: 6 }).get());
  await batch.send();

  expect(okBody(await read)).toMatchObject({ id: "t4", title: "Survey the northern lights" });
  expect((await project).status).toBe(201);
  expect(okBody(await project)).toMatchObject({ id: "p-batch", name: "Batched" });
  const t = await task;
  expect(t.status).toBe(201);
  expect(okBody(t)).toMatchObject({ id: "t-batch", project_id: "p-batch" });
  expect(t.headers.get("Location")).toBe("Tasks('t-batch')");
  expect(okBody(await listed).value).toEqual([{ id: "t-batch", title: "Via $p" }]);
  expect(okBody(await summary).value).toBe("Survey");

  expect(seen).toHaveLength(1);
  const post = seen[0]!;
  expect([post.method, post.url]).toEqual(["POST", "/$batch"]);
  expect(post.headers.get("Content-Type")).toMatch(/^multipart\/mixed; boundary=batch_/);
  const body = post.body ?? "";
  expect(body.match(/^Content-Type: multipart\/mixed; boundary=changeset_/gm)).toHaveLength(1);
  expect(body).toContain("\r\nPOST $p/tasks HTTP/1.1\r\n");
  expect(body).toContain("\r\nGET $p/tasks?$select=id,title HTTP/1.1\r\n");
  expect(body).toContain("\r\nGET Tasks('t4')?$select=id,title HTTP/1.1\r\n");
  expect((await c.projects.byId("p-batch").tasks.list()).value.map((x) => x.id)).toEqual(["t-batch"]);

  // A change set whose second request fails (no If-Match: 428) is rolled back as a whole; CAP stops there.
  const failing = startBatch(c, { relativeUrls: true });
  const created = failing.add((x) => x.projects.create({ id: "p-rollback", name: "Rolled back" }), {
    atomicityGroup: "cs",
  });
  const patched = failing.add((x) => x.milestones.byId("ms3").update({ title: "No If-Match" }), { atomicityGroup: "cs" });
  const later = failing.add((x) => x.tasks.byId("t4").get());
  await failing.send();
  for (const r of [await created, await patched]) {
    if (r.ok) throw new Error("expected the change set to fail");
    expect([r.status, r.error.status, r.error.code]).toEqual([428, 428, "428"]);
  }
  const skipped = await later;
  expect(skipped.ok ? 0 : [skipped.status, skipped.error.code]).toEqual([424, BatchErrorCodes.PartNotExecuted]);
  expect((await failure(c.projects.byId("p-rollback").get())).status).toBe(404);
  expect((await c.milestones.byId("ms3").get()).title).toBe("First survey");
}

/** $batch, JSON: atomicity groups, $id references with dependsOn, If-Match inside a group, a failed group. */
export async function batchJson(env: Env): Promise<void> {
  const { c, seen } = connect(env);
  const etag = (await c.milestones.byId("ms3").get())["@odata.etag"];
  seen.length = 0;
  const batch = startBatch(c, { format: "json", relativeUrls: true });
  const project = batch.add((x) => x.projects.create({ id: "p-json", name: "Jason" }), {
    id: "proj",
    atomicityGroup: "g",
  });
  const milestone = batch.add(
    (x) =>
      batch.ref<ProjectsNode>(x, "proj").milestones.create({ id: "ms-json", title: "Via $proj", due: "2025-03-01" }),
    { id: "ms", atomicityGroup: "g" },
  );
  const reached = batch.add((x) => x.milestones.byId("ms3").update({ reached: true }, { ifMatch: etag }), {
    id: "reach",
    atomicityGroup: "g",
  });
  // CAP takes the query of a bare reference ($proj?$select=…) for part of the id: read below the reference.
  const check = batch.add(
    (x) => batch.ref<ProjectsNode>(x, "proj").milestones.list({ select: ["id", "title", "project_id"] }),
    {
      id: "check",
      dependsOn: ["g"],
    },
  );
  const count = batch.add((x) => x.countMatching({ filter: { minPriority: 3 } }).get(), { id: "count" });
  await batch.send();

  expect([(await project).status, (await milestone).status, (await reached).status]).toEqual([201, 201, 200]);
  expect(okBody(await milestone)).toMatchObject({ id: "ms-json", project_id: "p-json" });
  expect(okBody(await reached)).toMatchObject({ id: "ms3", reached: true });
  expect(okBody(await check).value.map((m) => [m.id, m.title, m.project_id])).toEqual([
    ["ms-json", "Via $proj", "p-json"],
  ]);
  expect(okBody(await count).value).toBeGreaterThanOrEqual(1);

  expect(seen).toHaveLength(1);
  const { requests } = JSON.parse(seen[0]?.body ?? "") as { requests: Record<string, unknown>[] };
  expect(requests.map((r) => [r["id"], r["method"], r["url"], r["atomicityGroup"], r["dependsOn"]])).toEqual([
    ["proj", "POST", "Projects", "g", undefined],
    ["ms", "POST", "$proj/milestones", "g", ["proj"]],
    ["reach", "PATCH", "Milestones('ms3')", "g", undefined],
    ["check", "GET", "$proj/milestones?$select=id,title,project_id", undefined, ["proj", "g"]],
    ["count", "GET", "countMatching(filter=@filter)?@filter=%7B%22minPriority%22:3%7D", undefined, undefined],
  ]);
  expect((requests[2]?.["headers"] as Record<string, string> | undefined)?.["if-match"]).toBe(etag);

  // A group with a failing request (a stale ETag: 412) is rolled back.
  const failing = startBatch(c, { format: "json", relativeUrls: true });
  void failing.add((x) => x.projects.create({ id: "p-json-rb", name: "Rolled back" }), { atomicityGroup: "bad" });
  const stale = failing.add((x) => x.milestones.byId("ms3").update({ title: "Stale" }, { ifMatch: etag }), {
    atomicityGroup: "bad",
  });
  await failing.send();
  const s = await stale;
  expect(s.ok ? 0 : [s.status, s.error.code]).toEqual([412, "412"]);
  expect((await failure(c.projects.byId("p-json-rb").get())).status).toBe(404);
  expect((await c.milestones.byId("ms3").get()).title).toBe("First survey");
}
