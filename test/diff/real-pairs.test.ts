/**
 * The model diff on the real pairs: the project's Outlook v1.0, v2.0 and beta, and Microsoft Graph v1.0.
 *
 * The figures were checked outside the diff: a Python script (ElementTree over the raw XML, names lower-cased,
 * no inheritance, no capabilities) counted declared types, members, enum members, operations (by name and binding
 * type) and container children present on one side only. Its counts agree with these once its simplifications are
 * accounted for: v1.0→v2.0 it finds 14 removed and 69 added, the diff 12 and 67 plus the 2 actions rebound from
 * Folder to MailFolder (binding-changed); v2.0→beta 11 and 100, the diff 10 (+1 moved to a base type) and 110 (the
 * script does not count the 10 new parameters); v2.0→Graph it finds the same 3 entity types and the type definition
 * gone, and the 12 removed members (its one extra is Graph's several `user` types folded together by name).
 */
import { describe, expect, it } from "vitest";
import { diffModels, summarize, type ModelChange } from "../../generator/diff/model-diff.js";
import { loadModels } from "../../generator/pipeline.js";
import type { ServiceModel } from "../../generator/model/types.js";
import { corpusFile, METADATA } from "../helpers/paths.js";
import { join } from "node:path";

async function load(source: string): Promise<ServiceModel> {
  const r = await loadModels({ inputs: [{ label: "x", source }] });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.models[0]!.model;
}

const v1 = () => load(join(METADATA, "v1.0.xml"));
const v2 = () => load(join(METADATA, "v2.0.xml"));
const beta = () => load(join(METADATA, "beta.xml"));
const graph = () => load(corpusFile("graph-v1.0.csdl.xml"));

function counts(changes: readonly ModelChange[]) {
  const n = (kind: string) => changes.filter((c) => c.kind === kind).length;
  return { total: changes.length, added: n("added"), removed: n("removed"), renamed: n("renamed"), breaking: changes.filter((c) => c.breaking).length };
}
const find = (changes: readonly ModelChange[], kind: string, path: string) => changes.filter((c) => c.kind === kind && (c.fromPath === path || c.toPath === path));

describe("the real pairs", () => {
  it("Outlook v1.0 → v2.0", async () => {
    const changes = diffModels(await v1(), await v2());
    expect(counts(changes)).toEqual({ total: 152, added: 67, removed: 12, renamed: 0, breaking: 85 });
    expect(summarize(changes).byKind).toEqual({ added: 67, "binding-changed": 2, "capability-changed": 65, removed: 12, "type-changed": 6 });
    // Samples checked against the two files by hand.
    expect(find(changes, "removed", "EntityType[Folder]")).toHaveLength(1);
    expect(find(changes, "added", "EntityType[MailFolder]")).toHaveLength(1);
    expect(find(changes, "type-changed", "EntityType[Event]/Property[Start]")[0]).toMatchObject({ before: "Edm.DateTimeOffset", after: "Microsoft.OutlookServices.DateTimeTimeZone", breaking: true });
    expect(find(changes, "removed", "EntityType[Message]/Property[DateTimeReceived]")).toHaveLength(1);
    expect(find(changes, "binding-changed", "Action[Copy(Folder)]")[0]).toMatchObject({ toPath: "Action[Copy(MailFolder)]", breaking: true });
  });

  it("Outlook v2.0 → beta", async () => {
    const changes = diffModels(await v2(), await beta());
    expect(counts(changes)).toEqual({ total: 123, added: 110, removed: 10, renamed: 0, breaking: 21 });
    expect(summarize(changes).byKind).toEqual({ added: 110, "base-type-changed": 1, "capability-changed": 1, moved: 1, removed: 10 });
  });

  it("Outlook v2.0 → Microsoft Graph v1.0", async () => {
    const changes = diffModels(await v2(), await graph());
    expect(counts(changes)).toEqual({ total: 5748, added: 5250, removed: 20, renamed: 404, breaking: 467 });
    // The issue's first measurement: of v2.0's 43 entity and complex types, Item, PushSubscription and Notification
    // have no Graph type of the same name; Photo has one (photo) of another kind, which the rules do not pair.
    const gone = changes.filter((c) => c.kind === "removed" && (c.element === "entityType" || c.element === "complexType")).map((c) => c.fromPath);
    expect(gone).toEqual(["EntityType[Item]", "EntityType[Notification]", "EntityType[Photo]", "EntityType[PushSubscription]"]);
    expect(find(changes, "namespace-changed", "Schema[Microsoft.OutlookServices]")[0]).toMatchObject({ after: "microsoft.graph", breaking: true });
    expect(find(changes, "renamed", "EntityType[Message]")[0]).toMatchObject({ toPath: "EntityType[message]", match: "case" });
    // Outlook's Item has no Graph pair; its members are compared from Message, Event, … once, with Graph's outlookItem.
    const categories = changes.filter((c) => c.fromPath === "EntityType[Item]/Property[Categories]");
    expect(categories.map((c) => [c.kind, c.toPath, c.breaking])).toEqual([
      ["moved", "EntityType[outlookItem]/Property[categories]", false],
      ["renamed", "EntityType[outlookItem]/Property[categories]", true],
    ]);
    expect(find(changes, "removed", "EntityType[SingleValueLegacyExtendedProperty]/Property[PropertyId]")).toHaveLength(1);
    // Every change names its element unambiguously: Graph's alert is in two namespaces, its operations have overloads.
    const keys = changes.map((c) => `${c.kind} ${c.fromPath} ${c.toPath}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(find(changes, "added", "Schema[microsoft.graph.security]/EntityType[alert]")).toHaveLength(1);
    expect(find(changes, "added", "EntityType[alert]")).toHaveLength(1);
  });

  it("the rename table covers what the rules cannot (PushSubscription → subscription)", async () => {
    const changes = diffModels(await v2(), await graph(), {
      renames: {
        "Microsoft.OutlookServices.PushSubscription": "microsoft.graph.subscription",
        "Microsoft.OutlookServices.PushSubscription/NotificationURL": "notificationUrl",
        "Microsoft.OutlookServices.PushSubscription/SubscriptionExpirationDateTime": "expirationDateTime",
        "Microsoft.OutlookServices.SingleValueLegacyExtendedProperty/PropertyId": "id",
        Photo: "profilePhoto",
      },
    });
    expect(find(changes, "renamed", "EntityType[PushSubscription]")[0]).toMatchObject({ toPath: "EntityType[subscription]", match: "table" });
    expect(find(changes, "renamed", "EntityType[PushSubscription]/Property[NotificationURL]")[0]).toMatchObject({ toPath: "EntityType[subscription]/Property[notificationUrl]", match: "table" });
    expect(find(changes, "renamed", "EntityType[PushSubscription]/Property[SubscriptionExpirationDateTime]")[0]).toMatchObject({ after: "expirationDateTime", match: "table" });
    expect(find(changes, "renamed", "EntityType[Photo]")[0]).toMatchObject({ toPath: "EntityType[profilePhoto]", match: "table" });
    // PropertyId → id: Graph's id is inherited from entity and not nullable: a move, a nullability change and a rename.
    const id = changes.filter((c) => c.fromPath === "EntityType[SingleValueLegacyExtendedProperty]/Property[PropertyId]").map((c) => c.kind);
    expect(id).toEqual(["moved", "nullability-changed", "renamed"]);
    expect(find(changes, "removed", "EntityType[PushSubscription]")).toEqual([]);
  });

  it("two runs give the same list", async () => {
    const [a, b] = [await v2(), await beta()];
    expect(diffModels(a, b)).toEqual(diffModels(a, b));
  });
});
