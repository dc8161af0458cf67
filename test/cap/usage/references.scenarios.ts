/**
 * Issue 12, references, against SAP CAP: the review entities of test/cap/server/db/references.cds, whose `lead`
 * (single-valued) and `reviewers` (collection-valued) are associations, not compositions. Copied beside the generated
 * tracker client like scenarios.ts, type-checked under TypeScript 5.9 and 7, then run.
 *
 * CAP 9 takes `@odata.bind` for a single-valued association, in a create and in an update; it does not route `$ref`
 * at all (404 "Invalid resource path", 405 or 400 by request). Those scenarios send each reference request exactly as
 * the OData URL conventions write it, check CAP's answer, and check that the server's state did not change: when a
 * CAP release routes `$ref`, they fail, and their checks become the state each request sets.
 */
import { expect } from "vitest";
import { bind, createClient, ODataError, type ServiceClient } from "../tracker/index.js";

interface Env {
  readonly service: string;
}

interface Seen {
  readonly method: string;
  /** Below the service root, percent-decoded. */
  readonly url: string;
  readonly body: string | undefined;
}

function connect(env: Env): { readonly c: ServiceClient; readonly seen: Seen[] } {
  const seen: Seen[] = [];
  const c = createClient({
    baseUrl: env.service,
    getAccessToken: () => "fake-token",
    retry: false,
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      seen.push({
        method: init?.method ?? "GET",
        url: decodeURIComponent(url.startsWith(env.service) ? url.slice(env.service.length) : url),
        body: typeof init?.body === "string" ? init.body : undefined,
      });
      return fetch(input, init);
    },
  });
  return { c, seen };
}

/** The ODataError a promise rejects with; fails when it resolves. */
async function failure(p: Promise<unknown>): Promise<ODataError> {
  const outcome = await p.then(
    (v) => ({ resolved: v }),
    (e: unknown) => ({ rejected: e }),
  );
  if (!("rejected" in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.resolved)}`);
  expect(outcome.rejected).toBeInstanceOf(ODataError);
  return outcome.rejected as ODataError;
}

/** People and a review of their own for one scenario (ids prefixed, so scenarios do not meet). */
async function seed(c: ServiceClient, prefix: string): Promise<void> {
  for (const n of [1, 2, 3]) await c.people.create({ id: `${prefix}-p${n}`, name: `Person ${n}` });
  await c.reviews.create({ id: `${prefix}-r`, title: "Spec review" });
}

/** The server's state of a review: its lead and its reviewers, read back with $expand. */
async function state(c: ServiceClient, review: string): Promise<{ lead: string | null; reviewers: string[] }> {
  const r = await c.reviews.byId(review).get({ expand: ["lead", "reviewers"] });
  return { lead: r.lead?.id ?? null, reviewers: (r.reviewers ?? []).map((p) => p.id ?? "").sort() };
}

/** Never run: what the types refuse (TypeScript must report each line, else the type-check fails). */
export function refused(c: ServiceClient): void {
  // @ts-expect-error the trap: deleting a member of a navigation that is no containment deletes the person
  void c.reviews.byId("r").reviewers.byId("p").delete();
  // @ts-expect-error a single-valued one alike: `lead.$ref.delete()` unlinks, `lead.delete()` is not offered
  void c.reviews.byId("r").lead.delete();
  // @ts-expect-error a review is no person
  void c.reviews.byId("r").reviewers.$ref.post(bind(c.reviews.byId("r2")));
  // @ts-expect-error a collection-valued navigation binds an array
  void c.reviews.create({ id: "r", "reviewers@odata.bind": bind(c.people.byId("p")) });
  // @ts-expect-error no such navigation
  void c.reviews.create({ id: "r", "leader@odata.bind": bind(c.people.byId("p")) });
}

export const scenarios = {
  "create and update with @odata.bind on a single-valued association": async (env: Env) => {
    const { c, seen } = connect(env);
    await seed(c, "bind");
    const created = await c.reviews.create({ id: "bind-r2", title: "Launch", "lead@odata.bind": bind(c.people.byId("bind-p1")) });
    expect(seen.at(-1)).toEqual({
      method: "POST",
      url: "/Reviews",
      body: JSON.stringify({ id: "bind-r2", title: "Launch", "lead@odata.bind": `${env.service}/People('bind-p1')` }),
    });
    expect(created).toMatchObject({ id: "bind-r2", lead_id: "bind-p1" });
    expect(await state(c, "bind-r2")).toEqual({ lead: "bind-p1", reviewers: [] });

    await c.reviews.byId("bind-r2").update({ title: "Launch II", "lead@odata.bind": bind(c.people.byId("bind-p2")) });
    expect(seen.at(-1)).toEqual({
      method: "PATCH",
      url: "/Reviews('bind-r2')",
      body: JSON.stringify({ title: "Launch II", "lead@odata.bind": `${env.service}/People('bind-p2')` }),
    });
    expect(await state(c, "bind-r2")).toEqual({ lead: "bind-p2", reviewers: [] });
    // Linked, not deleted: both people are still there.
    expect((await c.people.list({ filter: "startswith(id,'bind-')", orderby: ["id"] })).value.map((p) => p.id)).toEqual([
      "bind-p1",
      "bind-p2",
      "bind-p3",
    ]);
  },

  "a collection's references: list, add, remove by key and by $id (CAP 9 routes no $ref: nothing changes)": async (env: Env) => {
    const { c, seen } = connect(env);
    await seed(c, "many");
    const reviewers = c.reviews.byId("many-r").reviewers;
    const before = await state(c, "many-r");
    expect(before).toEqual({ lead: null, reviewers: [] });

    const listed = await failure(reviewers.$ref.list({ top: 2 }));
    expect(seen.at(-1)).toEqual({ method: "GET", url: "/Reviews('many-r')/reviewers/$ref?$top=2", body: undefined });
    expect(listed.status).toBe(404);

    const added = await failure(reviewers.$ref.post(bind(c.people.byId("many-p1"))));
    expect(seen.at(-1)).toEqual({
      method: "POST",
      url: "/Reviews('many-r')/reviewers/$ref",
      body: JSON.stringify({ "@odata.id": `${env.service}/People('many-p1')` }),
    });
    expect(added.status).toBe(405);
    expect(await state(c, "many-r")).toEqual(before);

    const byKey = await failure(reviewers.byId("many-p1").$ref.delete());
    expect(seen.at(-1)).toEqual({ method: "DELETE", url: "/Reviews('many-r')/reviewers('many-p1')/$ref", body: undefined });
    expect(byKey.status).toBe(404);

    const byId = await failure(reviewers.$ref.delete(bind(c.people.byId("many-p2"))));
    expect(seen.at(-1)).toEqual({
      method: "DELETE",
      url: `/Reviews('many-r')/reviewers/$ref?$id=${env.service}/People('many-p2')`,
      body: undefined,
    });
    expect(byId.status).toBe(400);
    expect(await state(c, "many-r")).toEqual(before);
    // Never an entity: every person is still there.
    expect(await c.people.count()).toBeGreaterThanOrEqual(3);
    for (const n of [1, 2, 3]) expect((await c.people.byId(`many-p${n}`).get()).id).toBe(`many-p${n}`);
  },

  "a single-valued reference: read, set and unset (CAP 9 routes no $ref: nothing changes)": async (env: Env) => {
    const { c, seen } = connect(env);
    await seed(c, "one");
    await c.reviews.byId("one-r").update({ "lead@odata.bind": bind(c.people.byId("one-p1")) });
    const lead = c.reviews.byId("one-r").lead;
    expect(await state(c, "one-r")).toEqual({ lead: "one-p1", reviewers: [] });

    const read = await failure(lead.$ref.get());
    expect(seen.at(-1)).toEqual({ method: "GET", url: "/Reviews('one-r')/lead/$ref", body: undefined });
    expect(read.status).toBe(404);

    const set = await failure(lead.$ref.put(bind(c.people.byId("one-p2"))));
    expect(seen.at(-1)).toEqual({
      method: "PUT",
      url: "/Reviews('one-r')/lead/$ref",
      body: JSON.stringify({ "@odata.id": `${env.service}/People('one-p2')` }),
    });
    expect(set.status).toBe(404);
    expect(await state(c, "one-r")).toEqual({ lead: "one-p1", reviewers: [] });

    const unset = await failure(lead.$ref.delete());
    expect(seen.at(-1)).toEqual({ method: "DELETE", url: "/Reviews('one-r')/lead/$ref", body: undefined });
    expect(unset.status).toBe(404);
    expect(await state(c, "one-r")).toEqual({ lead: "one-p1", reviewers: [] });
    expect((await c.people.byId("one-p1").get()).name).toBe("Person 1");
  },
};
