/**
 * Review of findMember (templates/runtime/migration-map.ts) on maps that pass checkMigrationMap but do not agree
 * with themselves: checkMigrationMap checks the shape only, so `base` may name an unknown type, the type itself, or
 * form a cycle, and any key may be a name of Object.prototype. findMember must end, and answer from own keys only.
 */
import { describe, expect, it } from "vitest";
import { findMember, type MigrationMap, type TypeMap } from "../../templates/runtime/migration-map.js";

const member = (to: string | null) => ({ to, kind: "property", type: "Edm.String" }) as const;
const mapOf = (types: Record<string, TypeMap>): MigrationMap => ({
  from: { label: "a", namespace: "A" },
  to: { label: "b", namespace: "B" },
  roots: {},
  types,
  operations: {},
  imports: {},
});

describe("findMember on an inconsistent map", () => {
  it("ends on a cycle of base types, and on a type that is its own base", () => {
    const map = mapOf({
      "A.X": { to: "B.x", kind: "entityType", base: "A.Y", members: { Own: member("own") } },
      "A.Y": { to: "B.y", kind: "entityType", base: "A.X", members: { Up: member("up") } },
      "A.Self": { to: null, kind: "entityType", base: "A.Self", members: {} },
    });
    expect(findMember(map, "A.X", "Up")).toEqual({ owner: "A.Y", member: member("up") });
    expect(findMember(map, "A.Y", "Own")).toEqual({ owner: "A.X", member: member("own") });
    expect(findMember(map, "A.X", "Missing")).toBeUndefined();
    expect(findMember(map, "A.Self", "Missing")).toBeUndefined();
  });

  it("answers undefined for a type or base the map does not have, and for an enum type", () => {
    const map = mapOf({
      "A.X": { to: "B.x", kind: "entityType", base: "A.Nowhere", members: {} },
      "A.E": { to: "B.e", kind: "enumType", enumMembers: { Red: "red" } },
    });
    expect(findMember(map, "A.X", "Id")).toBeUndefined();
    expect(findMember(map, "A.Unknown", "Id")).toBeUndefined();
    expect(findMember(map, "A.E", "Red")).toBeUndefined();
  });

  it("reads own keys only: Object.prototype's names are neither types nor members", () => {
    const map = mapOf({
      "A.X": { to: "B.x", kind: "entityType", base: "constructor", members: { Id: member("id") } },
      "A.Z": { to: "B.z", kind: "entityType", base: "__proto__", members: {} },
    });
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      expect(findMember(map, "A.X", name), name).toBeUndefined();
      expect(findMember(map, name, "Id"), name).toBeUndefined();
      expect(findMember(map, "A.Z", name), name).toBeUndefined();
    }
    expect(findMember(map, "A.X", "Id")?.member.to).toBe("id");
  });

  it("finds a member that is itself named __proto__ or constructor, as JSON.parse gives it (an own key)", () => {
    const parsed = JSON.parse(
      '{"A.X":{"to":"B.x","kind":"entityType","members":{"__proto__":{"to":"p","kind":"property","type":"Edm.String"},"constructor":{"to":"c","kind":"property","type":"Edm.String"}}}}',
    ) as Record<string, TypeMap>;
    const map = mapOf(parsed);
    expect(findMember(map, "A.X", "__proto__")?.member.to).toBe("p");
    expect(findMember(map, "A.X", "constructor")?.member.to).toBe("c");
  });
});
