import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { relativeSpecifier, importLines } from "../../generator/plan/imports.js";
import {
  allocate,
  commentText,
  jsonString,
  visibleText,
  docLines,
  enumMemberKey,
  folderName,
  protocolNote,
  memberIdentifier,
  memberName,
  memberNames,
  NODE_VERBS,
  renamedAt,
  type MemberUse,
  wireRule,
  propertyKey,
  stringLiteral,
  typeIdentifier,
} from "../../generator/plan/naming.js";

describe("typeIdentifier", () => {
  it.each([
    ["Message", "Message"],
    ["message", "Message"],
    ["iCalUId", "ICalUId"],
    ["ms-graph.x", "Ms_graph_x"],
    ["1st", "_1st"],
    ["", "_"],
    ["Promise", "Promise_"],
    ["string", "String_"],
    ["Path", "Path_"],
    ["ODataError", "ODataError_"],
    // Compared as written: a PascalCase name equals no keyword, and `Extension` is not the runtime's `extension`.
    ["constructor", "Constructor"],
    ["case", "Case"],
    ["extension", "Extension"],
    ["Extension", "Extension"],
    ["naïve", "Na_ve"],
    ["*/ evil", "___evil"],
  ])("%j → %j", (input, want) => expect(typeIdentifier(input)).toBe(want));
});

describe("member names of a version", () => {
  it("reserve the runtime's node verbs: the same list as templates/runtime/node.ts", async () => {
    const runtime = await import("../../templates/runtime/node.js");
    expect([...NODE_VERBS]).toEqual([...runtime.NODE_VERBS]);
  });

  it("give one plain TypeScript name per wire name, case clashes numbered; a navigation or action keeps a verb's name", () => {
    const names = memberNames([
      { wire: "Items", place: "entity", function: false },
      { wire: "items", place: "entity", function: false },
      { wire: "list", place: "entity", function: false },
      { wire: "pages", place: "root", function: false },
      { wire: "messages", place: "entity", function: false },
      { wire: "Messages", place: "entity", function: false },
      { wire: "count", place: "entity", function: false },
    ]);
    expect([...names.plain]).toEqual([
      ["Items", "items"],
      ["items", "items2"],
      ["list", "list"],
      ["messages", "messages"],
      ["Messages", "messages2"],
      ["count", "count"],
    ]);
    expect([...names.renamed]).toEqual([]);
    // The root is a scope of its own: "pages" there takes nothing from the navigations.
    expect([...names.root.plain]).toEqual([["pages", "pages"]]);
  });

  it("keep the root's names apart from the navigations' (SAP CAP: entity set Tasks, navigation tasks)", () => {
    const names = memberNames([
      { wire: "Tasks", place: "root", function: false },
      { wire: "Projects", place: "root", function: false },
      { wire: "tasks", place: "entity", function: false },
      { wire: "project", place: "entity", function: false },
    ]);
    expect(memberName(names, { wire: "Tasks", place: "root", function: false })).toBe("tasks");
    expect(memberName(names, { wire: "tasks", place: "entity", function: false })).toBe("tasks");
    expect(wireRule(names.root)).toEqual({ rule: "upper", names: [] });
    expect(wireRule(names)).toEqual({ rule: "same", names: [] });
  });

  it("rename a function named after any verb, and a member named after a verb of its own interface (AMENDMENT 3)", () => {
    const uses: MemberUse[] = [
      // a function named count: calling it would run the verb count
      { wire: "count", place: "entity", function: true },
      // an action named count on an entity (workbookFunctions.count.post(…)): no entity verb is named count
      { wire: "count", place: "entity", function: false },
      // an action named create bound to a collection: CollectionNode declares create
      { wire: "create", place: "collection", function: false },
      // a navigation named get: a reserved word already (get_), and an entity verb
      { wire: "get", place: "entity", function: false },
      // an action named replace bound to an entity: EntityNode declares replace; bound to a collection it is free
      { wire: "replace", place: "entity", function: false },
      { wire: "replace", place: "collection", function: false },
      // a function beside an action of the same name bound to the same type: the action keeps the plain name
      { wire: "browse", place: "entity", function: true, besideAction: true },
      { wire: "browse", place: "entity", function: false },
      // a navigation named post on an entity (its post verb), and the same name on the root (no verb there)
      { wire: "post", place: "entity", function: false },
      { wire: "post", place: "root", function: false },
      { wire: "count_", place: "entity", function: false },
    ];
    const names = memberNames(uses);
    expect(uses.map((u) => memberName(names, u))).toEqual([
      "count2", "count", "create_", "get_", "replace_", "replace", "browse_", "browse", "post_", "post", "count_",
    ]);
    // Every TypeScript name maps back to one wire name.
    const { names: exceptions } = wireRule(names);
    expect(new Set(exceptions.map(([ts]) => ts)).size).toBe(exceptions.length);
    expect(exceptions).toEqual(expect.arrayContaining([["count2", "count"], ["create_", "create"], ["browse_", "browse"], ["post_", "post"]]));
    for (const u of uses) expect(renamedAt(names.plain.get(u.wire)!, u)).toBe(memberName(names, u) !== names.plain.get(u.wire));
  });

  it("choose the rule that needs the fewest exceptions, and list those", () => {
    const fn = (wire: string): MemberUse => ({ wire, place: "entity", function: true });
    expect(wireRule(memberNames([fn("Messages"), fn("MailFolders"), fn("Items")]))).toEqual({ rule: "upper", names: [["items_", "Items"]] });
    expect(wireRule(memberNames([fn("messages"), fn("mailFolders"), fn("items")]))).toEqual({ rule: "same", names: [["items_", "items"]] });
    expect(wireRule(memberNames(["Messages", "MailFolders", "Items"]).root)).toEqual({ rule: "upper", names: [] });
    expect(wireRule(new Map([["a", "a"], ["B", "b"]]))).toEqual({ rule: "same", names: [["b", "B"]] });
  });
});

describe("file and folder names", () => {
  it("fit in 100 bytes (or 80 and a hash) for any name, the same each time", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 600 }), (s) => {
        const folder = folderName(s);
        return Buffer.byteLength(folder) <= 100 && folderName(s) === folder && /^[A-Za-z0-9._-]+$/.test(folder);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe("memberIdentifier", () => {
  it.each([
    ["MailFolders", "mailFolders"],
    ["ReminderView_IgnoreThis", "reminderView_IgnoreThis"],
    ["delete", "delete_"],
    ["Get", "get_"],
    // A verb's name is kept here: memberNames renames a member only where it clashes (renamedAt).
    ["byId", "byId"],
    ["Items", "items"],
    ["then", "then_"],
    ["constructor", "constructor_"],
    ["a-b", "a_b"],
    // The object protocol: Object.prototype's members, then and toJSON.
    ["ToString", "toString_"],
    ["valueOf", "valueOf_"],
    ["__proto__", "__proto___"],
    ["hasOwnProperty", "hasOwnProperty_"],
    ["toJSON", "toJSON_"],
    ["toString_", "toString_"],
  ])("%j → %j", (input, want) => expect(memberIdentifier(input)).toBe(want));

  it("renames every member of Object.prototype", () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) expect(memberIdentifier(name), name).toBe(`${name}_`);
  });

  it("notes a protocol rename in the member's doc, and nothing else", () => {
    expect(protocolNote("ToString", "toString_")).toBe(
      "Named `toString_` here: toString is a member every object has. The service's name ToString is unchanged in URLs and JSON.",
    );
    expect(protocolNote("then", "then_2")).toContain("makes an object a thenable");
    expect(protocolNote("toString_", "toString_")).toBeUndefined();
    expect(protocolNote("get", "get_")).toBeUndefined();
    // A function renamed because calling it would run a verb says so.
    expect(protocolNote("count", "count_")).toBe("Named `count_` here: count is a verb of the node it would sit on. The service's name count is unchanged in URLs.");
    expect(protocolNote("count", "count")).toBeUndefined();
  });

  it("keeps enum keys off the protocol, values unchanged", () => {
    expect(enumMemberKey("toString")).toBe("toString_");
    expect(enumMemberKey("__proto__")).toBe("__proto___");
    expect(enumMemberKey("Red")).toBe("Red");
  });
});

describe("propertyKey and stringLiteral", () => {
  it.each([
    ["Subject", "Subject"],
    ["@odata.type", '"@odata.type"'],
    ["a-b", '"a-b"'],
    // A type's key: harmless there (values use objectKey, which computes it).
    ["__proto__", "__proto__"],
    // Quoted as prettier quotes: single quotes when the text holds more double quotes.
    ['x"; alert(1); "', `'x"; alert(1); "'`],
    ["line\u2028break", '"line\\u2028break"'],
  ])("%j → %s", (input, want) => expect(propertyKey(input)).toBe(want));

  it("round-trips any text through a literal, on one line", () => {
    const texts = ["", "'", '"', "\\", "`${x}`", "\n\r\t", "\u2028\u2029", "</script>", `'"'"`, `"'"`, `\\"'`];
    for (const s of texts) {
      const literal = stringLiteral(s);
      expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
      // The literal is evaluated as code: that is exactly what must give back the text and nothing else.
      expect(new Function(`return ${literal};`)()).toBe(s);
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const literal = stringLiteral(s);
        return !/[\n\r\u2028\u2029]/.test(literal) && new Function(`return ${literal};`)() === s;
      }),
    );
  });
});

describe("docLines", () => {
  it("cannot close the comment", () => {
    const lines = docLines("ends here */ export const x = 1; /* and more");
    expect(lines.join("\n")).not.toContain("*/");
    expect(lines).toEqual(["ends here *\\/ export const x = 1; /* and more"]);
  });
  it("splits lines and drops control characters", () => {
    expect(docLines("a\r\nb\u0007c\u2028d")).toEqual(["a", "b c d"]);
  });
  it("gives nothing for no text", () => expect(docLines(undefined)).toEqual([]));
});

describe("allocate", () => {
  it("suffixes clashes deterministically, case-insensitively when asked", () => {
    const got = allocate(
      [
        ["a", "Message"],
        ["b", "message"],
        ["c", "Message"],
        ["d", "Other"],
      ],
      { caseInsensitive: true, taken: ["other"] },
    );
    expect([...got.values()]).toEqual(["Message", "message2", "Message3", "Other2"]);
  });
  it("keeps case-distinct names apart when case matters", () => {
    const got = allocate(
      [
        ["a", "photo"],
        ["b", "Photo"],
      ],
      { caseInsensitive: false },
    );
    expect([...got.values()]).toEqual(["photo", "Photo"]);
  });
});

describe("folderName", () => {
  it.each([
    ["v2.0", "v2.0"],
    ["beta", "beta"],
    ["../x", "__x"],
    ["a/b", "a_b"],
    ["", "_"],
  ])("%j → %j", (input, want) => expect(folderName(input)).toBe(want));
});

describe("imports", () => {
  it("computes relative specifiers", () => {
    expect(relativeSpecifier("v2.0/builders/Message.ts", "v2.0/models/Message.ts")).toBe("../models/Message.js");
    expect(relativeSpecifier("v2.0/builders/Message.ts", "v2.0/builders/Item.ts")).toBe("./Item.js");
    expect(relativeSpecifier("v2.0/client.ts", "runtime/index.ts")).toBe("../runtime/index.js");
    expect(relativeSpecifier("v2.0/index.ts", "v2.0/client.ts")).toBe("./client.js");
  });

  it("groups by module, sorts, and marks type-only imports", () => {
    const symbols = new Map([
      ["Path", "runtime/index.ts"],
      ["ClientContext", "runtime/index.ts"],
      ["Message", "v2.0/models/Message.ts"],
      ["MessageQuery", "v2.0/models/Message.ts"],
      ["ItemBuilder", "v2.0/builders/Item.ts"],
      ["Self", "v2.0/builders/Self.ts"],
    ]);
    const lines = importLines(
      "v2.0/builders/Self.ts",
      { types: new Set(["MessageQuery", "Message", "ClientContext", "Self", "Unknown"]), values: new Set(["Path", "ItemBuilder"]) },
      symbols,
    );
    expect(lines).toEqual([
      { typeOnly: false, names: "type ClientContext, Path", from: "../../runtime/index.js" },
      { typeOnly: false, names: "ItemBuilder", from: "./Item.js" },
      { typeOnly: true, names: "Message, MessageQuery", from: "../models/Message.js" },
    ]);
  });
});

describe("defaultPackageName", () => {
  it("keeps Outlook's name and derives the others from the first namespace", async () => {
    const { defaultPackageName } = await import("../../generator/plan/naming.js");
    expect(defaultPackageName(["Microsoft.OutlookServices"])).toBe("outlook-rest-client");
    expect(defaultPackageName(["microsoft.graph", "microsoft.graph.callRecords"])).toBe("graph-client");
    expect(defaultPackageName(["Microsoft.OData.SampleService.Models.TripPin"])).toBe("trip-pin-client");
    expect(defaultPackageName(["TrackerService"])).toBe("tracker-service-client");
    expect(defaultPackageName(["Ünïcode.__"])).toBe("odata-client");
    expect(defaultPackageName([])).toBe("odata-client");
  });
});

describe("invisible characters (Trojan Source) in literals and comments", () => {
  const evil = "a\u202eb\u2066c\u200bd\ufeffe\u2028f\u0085g\u{e0001}h";
  it("stringLiteral escapes them, and the literal reads back as the same text", () => {
    const lit = stringLiteral(evil);
    expect(lit).toBe('"a\\u202eb\\u2066c\\u200bd\\ufeffe\\u2028f\\u0085g\\udb40\\udc01h"');
    expect(JSON.parse(lit)).toBe(evil);
    expect(stringLiteral(`"${evil}"`)).toBe(`'"a\\u202eb\\u2066c\\u200bd\\ufeffe\\u2028f\\u0085g\\udb40\\udc01h"'`);
  });
  it("jsonString escapes them too", () => {
    expect(jsonString(evil)).toBe('"a\\u202eb\\u2066c\\u200bd\\ufeffe\\u2028f\\u0085g\\udb40\\udc01h"');
    expect(JSON.parse(jsonString(evil))).toBe(evil);
  });
  it("comments show them as visible escapes; line separators become spaces", () => {
    expect(commentText(evil)).toBe("a\\u202eb\\u2066c\\u200bd\\ufeffe f\\u0085g\\u{e0001}h");
    expect(docLines(`x\u061cy\n\u00ad`)).toEqual(["x\\u061cy", "\\u00ad"]);
    expect(visibleText("\u3164\ufe0f\ue000")).toBe("\\u3164\\ufe0f\\ue000");
  });
  it("hold none raw for any text, and literals still read back as the text", () => {
    const invisible = /(?![\t\n])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const literal = stringLiteral(s);
        return (
          !invisible.test(literal) &&
          new Function(`return ${literal};`)() === s &&
          !invisible.test(jsonString(s)) &&
          JSON.parse(jsonString(s)) === s &&
          !invisible.test(commentText(s)) &&
          docLines(s).every((l) => !invisible.test(l) && !l.includes("*/")) &&
          !invisible.test(visibleText(s))
        );
      }),
      { seed: 10, numRuns: 2000 },
    );
  });

  it("leave ordinary non-ASCII text alone", () => {
    expect(stringLiteral("Café ✓ 日本")).toBe('"Café ✓ 日本"');
    expect(docLines("Café ✓ 日本")).toEqual(["Café ✓ 日本"]);
  });
});
