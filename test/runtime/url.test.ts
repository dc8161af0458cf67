import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildUrl,
  createContext,
  encodePathSegment,
  formatLiteral,
  Path,
  renderPath,
  type CallParam,
  type ClientOptions,
} from "../../templates/runtime/index.js";

const ctx = (o: ClientOptions = {}) => createContext(o, { baseUrl: "https://h.example/api/v2.0/", sendAnchorMailbox: false });
const GUID = "01234567-89ab-cdef-0123-456789ABCDEF";
const HOSTILE = "a'b/../c?d#e";

describe("formatLiteral", () => {
  it.each<[unknown, string, CallParam["kind"], string]>([
    ["it's", "Edm.String", "primitive", "'it''s'"],
    ["''", "Edm.String", "primitive", "''''''"],
    ["", "Edm.String", "primitive", "''"],
    [true, "Edm.Boolean", "primitive", "true"],
    [false, "Edm.Boolean", "primitive", "false"],
    [255, "Edm.Byte", "primitive", "255"],
    [-1, "Edm.SByte", "primitive", "-1"],
    [-32768, "Edm.Int16", "primitive", "-32768"],
    [42, "Edm.Int32", "primitive", "42"],
    [9007199254740993n, "Edm.Int64", "primitive", "9007199254740993"],
    ["-9223372036854775808", "Edm.Int64", "primitive", "-9223372036854775808"],
    [1.5, "Edm.Single", "primitive", "1.5"],
    [0.1, "Edm.Double", "primitive", "0.1"],
    [NaN, "Edm.Double", "primitive", "NaN"],
    [Infinity, "Edm.Double", "primitive", "INF"],
    [-Infinity, "Edm.Single", "primitive", "-INF"],
    [12.34, "Edm.Decimal", "primitive", "12.34"],
    ["12.340", "Edm.Decimal", "primitive", "12.340"],
    [10n, "Edm.Decimal", "primitive", "10"],
    [GUID, "Edm.Guid", "primitive", GUID],
    ["2024-01-02T03:04:05Z", "Edm.DateTimeOffset", "primitive", "2024-01-02T03:04:05Z"],
    ["2024-01-02T03:04:05.123+01:00", "Edm.DateTimeOffset", "primitive", "2024-01-02T03:04:05.123+01:00"],
    [new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), "Edm.DateTimeOffset", "primitive", "2024-01-02T03:04:05.000Z"],
    ["2024-01-02", "Edm.Date", "primitive", "2024-01-02"],
    [new Date(Date.UTC(2024, 11, 31, 23)), "Edm.Date", "primitive", "2024-12-31"],
    ["13:45:00", "Edm.TimeOfDay", "primitive", "13:45:00"],
    ["P1DT2H30M", "Edm.Duration", "primitive", "duration'P1DT2H30M'"],
    ["-PT0.5S", "Edm.Duration", "primitive", "duration'-PT0.5S'"],
    ["AQID", "Edm.Binary", "primitive", "binary'AQID'"],
    // Date and time strings are checked loosely: the service judges them; nothing in them can end the literal.
    ["2024-01-02T03:04:05", "Edm.DateTimeOffset", "primitive", "2024-01-02T03:04:05"],
    ["2024-1-2", "Edm.Date", "primitive", "2024-1-2"],
    ["Red", "Microsoft.OutlookServices.Color", "enum", "Microsoft.OutlookServices.Color'Red'"],
    ["Created, Updated", "Ns.ChangeType", "enum", "Ns.ChangeType'Created,Updated'"],
    [2, "Ns.ChangeType", "enum", "Ns.ChangeType'2'"],
    [null, "Edm.String", "primitive", "null"],
    [null, "Ns.Color", "enum", "null"],
    [null, "Ns.Address", "complex", "null"],
    [{ City: "x" }, "Ns.Address", "complex", '{"City":"x"}'],
    [["a", "b"], "Collection(Edm.String)", "collection", '["a","b"]'],
    ["x", "Ns.StringAlias", "primitive", "'x'"], // unknown type: inferred from the JS type
    [7, "", "primitive", "7"],
  ])("%o as %s (%s) → %s", (value, type, kind, expected) => {
    expect(formatLiteral(value, type, kind)).toBe(expected);
  });

  it.each<[unknown, string, CallParam["kind"]]>([
    [NaN, "Edm.Int32", "primitive"],
    [Infinity, "Edm.Int64", "primitive"],
    [1.5, "Edm.Int32", "primitive"],
    [2 ** 60, "Edm.Int64", "primitive"],
    ["12a", "Edm.Int32", "primitive"],
    ["1) or (1", "Edm.Int32", "primitive"],
    [NaN, "Edm.Decimal", "primitive"],
    [5, "Edm.String", "primitive"],
    ["true", "Edm.Boolean", "primitive"],
    ["not-a-guid", "Edm.Guid", "primitive"],
    [`${GUID})/Foo(`, "Edm.Guid", "primitive"],
    ["yesterday", "Edm.DateTimeOffset", "primitive"],
    [new Date(NaN), "Edm.DateTimeOffset", "primitive"],
    ["1 day", "Edm.Duration", "primitive"],
    ["P1D'", "Edm.Duration", "primitive"],
    ["Red'", "Ns.Color", "enum"],
    ["Red) or (1", "Ns.Color", "enum"],
    ["", "Ns.Color", "enum"],
    ["Red,,Blue", "Ns.Color", "enum"],
    [{}, "Ns.Thing", "primitive"],
  ])("rejects %o as %s", (value, type, kind) => {
    expect(() => formatLiteral(value, type, kind)).toThrow(TypeError);
  });
});

describe("formatLiteral: no value ends its literal", () => {
  const TYPES = ["Byte", "SByte", "Int16", "Int32", "Int64", "Single", "Double", "Decimal", "Guid", "Date"]
    .concat(["DateTimeOffset", "TimeOfDay", "Duration", "Binary", "String", "Boolean", "Other"])
    .map((t) => `Edm.${t}`)
    .concat(["Ns.Enum", ""]);
  const DANGER = /['",;()/?#&=\s%$@!*]/;

  it("every string either throws a TypeError or stays one literal", () => {
    const text = fc.string({ unit: fc.constantFrom(..."0123456789-+.:TZPDHMSeE'\",;()/?#&= %$@!*abcINF_x".split("")) });
    fc.assert(
      fc.property(text, fc.constantFrom(...TYPES), (value, type) => {
        const kind = type.startsWith("Ns.") ? "enum" : "primitive";
        let out: string;
        try {
          out = formatLiteral(value, type, kind);
        } catch (e) {
          expect(e).toBeInstanceOf(TypeError);
          return;
        }
        const quoted = /^(?:[\w.]*)'(.*)'$/s.exec(out);
        if (quoted) expect(quoted[1]!.replace(/''/g, "")).not.toContain("'");
        else expect(out).not.toMatch(DANGER);
      }),
      { numRuns: 3000 },
    );
  });

  it.each(["Edm.Int32", "Edm.Double", "Edm.Decimal", "Edm.Guid", "Edm.Date", "Edm.DateTimeOffset", "Edm.TimeOfDay"])(
    "%s: a hostile string throws",
    (type) => {
      for (const bad of ["1)", "1,x=2", "1'", "1/..", "1?a", "1#", "1&a=b", "1 or 1", "(1", "1;", "1%2C"])
        expect(() => formatLiteral(bad, type, "primitive")).toThrow(TypeError);
    },
  );
});

describe("encodePathSegment", () => {
  it("encodes / ? # % space and non-ASCII, keeps $ @ and :", () => {
    expect(encodePathSegment("a b/c?d#e%f@g:h\\é😀")).toBe("a%20b%2Fc%3Fd%23e%25f@g:h%5C%C3%A9%F0%9F%98%80");
    expect(encodePathSegment("$value")).toBe("$value");
  });
});

describe("buildUrl", () => {
  const users = (key: string) => Path.root().nav("Users").key(key, "Edm.String").nav("Messages");

  it("normalises the base URL and encodes name segments", () => {
    expect(buildUrl(ctx(), Path.root().nav("Me").nav("Mail Folders"))).toBe("https://h.example/api/v2.0/Me/Mail%20Folders");
    expect(buildUrl(ctx({ baseUrl: "https://other.example/svc//" }), Path.root())).toBe("https://other.example/svc");
  });

  it("keeps a hostile string key inside one segment (parentheses)", () => {
    expect(buildUrl(ctx(), users(HOSTILE))).toBe("https://h.example/api/v2.0/Users('a''b%2F..%2Fc%3Fd%23e')/Messages");
  });

  it("keeps a hostile string key inside one segment (key-as-segment)", () => {
    expect(buildUrl(ctx({ keyStyle: "segment" }), users(HOSTILE))).toBe(
      "https://h.example/api/v2.0/Users/a'b%2F..%2Fc%3Fd%23e/Messages",
    );
  });

  it("falls back to parentheses for keys that would be empty, dot or $ segments", () => {
    const c = ctx({ keyStyle: "segment" });
    expect(buildUrl(c, users(".."))).toBe("https://h.example/api/v2.0/Users('..')/Messages");
    expect(buildUrl(c, users("."))).toBe("https://h.example/api/v2.0/Users('.')/Messages");
    expect(buildUrl(c, users(""))).toBe("https://h.example/api/v2.0/Users('')/Messages");
    expect(buildUrl(c, users("..."))).toBe("https://h.example/api/v2.0/Users/.../Messages");
    expect(buildUrl(c, users("$count"))).toBe("https://h.example/api/v2.0/Users('$count')/Messages");
    expect(buildUrl(c, users("a$"))).toBe("https://h.example/api/v2.0/Users/a$/Messages");
  });

  it("renders numeric, GUID and enum keys in both styles", () => {
    const p = Path.root().nav("Items").key(5, "Edm.Int32");
    expect(buildUrl(ctx(), p)).toBe("https://h.example/api/v2.0/Items(5)");
    expect(buildUrl(ctx({ keyStyle: "segment" }), p)).toBe("https://h.example/api/v2.0/Items/5");
    const g = Path.root().nav("Items").key(GUID, "Edm.Guid");
    expect(buildUrl(ctx(), g)).toBe(`https://h.example/api/v2.0/Items(${GUID})`);
    expect(buildUrl(ctx({ keyStyle: "segment" }), g)).toBe(`https://h.example/api/v2.0/Items/${GUID}`);
    const e = Path.root().nav("Items").key("Red", "Ns.Color");
    expect(buildUrl(ctx(), e)).toBe("https://h.example/api/v2.0/Items(Ns.Color'Red')");
    expect(() => buildUrl(ctx(), Path.root().nav("Items").key("x/y", "Edm.Guid"))).toThrow(TypeError);
  });

  it("renders compound keys in parentheses in both styles", () => {
    const p = Path.root().nav("Lines").key({ Order: "a'/b", Line: 1 }, "");
    expect(buildUrl(ctx(), p)).toBe("https://h.example/api/v2.0/Lines(Order='a''%2Fb',Line=1)");
    expect(buildUrl(ctx({ keyStyle: "segment" }), p)).toBe("https://h.example/api/v2.0/Lines(Order='a''%2Fb',Line=1)");
    const typed = Path.root().nav("Lines").key({ Id: GUID, Line: 2n, Open: true }, { Id: "Edm.Guid", Line: "Edm.Int64" });
    expect(buildUrl(ctx(), typed)).toBe(`https://h.example/api/v2.0/Lines(Id=${GUID},Line=2,Open=true)`);
    // Key parts named like Object.prototype's members take no type from the prototype chain.
    const proto = Path.root().nav("Lines").key({ constructor: "c", toString: 3 }, { Other: "Edm.Int32" });
    expect(buildUrl(ctx(), proto)).toBe("https://h.example/api/v2.0/Lines(constructor='c',toString=3)");
  });

  it("renders casts and bare or qualified operations", () => {
    const p = Path.root()
      .nav("Me")
      .nav("Messages")
      .key("m1", "Edm.String")
      .nav("Attachments")
      .cast("Microsoft.OutlookServices.FileAttachment");
    expect(buildUrl(ctx(), p)).toBe(
      "https://h.example/api/v2.0/Me/Messages('m1')/Attachments/Microsoft.OutlookServices.FileAttachment",
    );
    const op = Path.root().nav("Me").nav("Messages").key("m1", "Edm.String").operation("Microsoft.OutlookServices.Reply", "Reply");
    expect(buildUrl(ctx(), op)).toBe("https://h.example/api/v2.0/Me/Messages('m1')/Reply");
    expect(buildUrl(ctx({ qualifiedOperations: true }), op)).toBe(
      "https://h.example/api/v2.0/Me/Messages('m1')/Microsoft.OutlookServices.Reply",
    );
  });

  it("renders function calls with inline literals", () => {
    const p = Path.root()
      .nav("Me")
      .call("Ns.CalendarView", "CalendarView", [
        { name: "Start", value: "2024-01-01T00:00:00Z", type: "Edm.DateTimeOffset", kind: "primitive" },
        { name: "Name", value: "a'b&c/d", type: "Edm.String", kind: "primitive" },
        { name: "Kind", value: "Busy", type: "Ns.FreeBusy", kind: "enum" },
        { name: "Top", value: null, type: "Edm.Int32", kind: "primitive" },
      ]);
    expect(buildUrl(ctx(), p)).toBe(
      "https://h.example/api/v2.0/Me/CalendarView(Start=2024-01-01T00:00:00Z,Name='a''b%26c%2Fd',Kind=Ns.FreeBusy'Busy',Top=null)",
    );
    expect(buildUrl(ctx({ qualifiedOperations: true }), Path.root().call("Ns.F", "F", []))).toBe("https://h.example/api/v2.0/Ns.F()");
  });

  it("passes complex and collection parameters as aliases", () => {
    const p = Path.root()
      .nav("Me")
      .call("Ns.FindRooms", "FindRooms", [
        { name: "Address", value: { City: "A&B", Zip: "1 2" }, type: "Ns.Address", kind: "complex" },
        { name: "Ids", value: [1, 2], type: "Collection(Edm.Int32)", kind: "collection" },
        { name: "Flag", value: true, type: "Edm.Boolean", kind: "primitive" },
      ]);
    const r = renderPath(ctx(), p);
    expect(r).toEqual({
      path: "https://h.example/api/v2.0/Me/FindRooms(Address=@Address,Ids=@Ids,Flag=true)",
      aliases: [
        ["@Address", '{"City":"A&B","Zip":"1 2"}'],
        ["@Ids", "[1,2]"],
      ],
    });
    expect(buildUrl(ctx(), p, { select: ["Name"] })).toBe(
      "https://h.example/api/v2.0/Me/FindRooms(Address=@Address,Ids=@Ids,Flag=true)" +
        "?$select=Name&@Address=%7B%22City%22:%22A%26B%22,%22Zip%22:%221%202%22%7D&@Ids=%5B1,2%5D",
    );
  });

  it("gives repeated alias names a suffix", () => {
    const param: CallParam = { name: "P", value: { a: 1 }, type: "Ns.C", kind: "complex" };
    const p = Path.root().call("Ns.F", "F", [param]).call("Ns.G", "G", [{ ...param, value: { a: 2 } }]);
    expect(buildUrl(ctx(), p)).toBe('https://h.example/api/v2.0/F(P=@P)/G(P=@P2)?@P=%7B%22a%22:1%7D&@P2=%7B%22a%22:2%7D');
  });
});

describe("Path", () => {
  it("is immutable and carries the anchor", () => {
    const root = Path.root();
    const users = root.nav("Users");
    const user = users.key("u@x.com", "Edm.String").anchored("u@x.com");
    const msgs = user.nav("Messages");
    expect(root.segments).toEqual([]);
    expect(users.segments).toEqual([{ kind: "name", name: "Users" }]);
    expect(users.anchor).toBeUndefined();
    expect(msgs.anchor).toBe("u@x.com");
    expect(msgs.segments).toEqual([
      { kind: "name", name: "Users" },
      { kind: "key", value: "u@x.com", type: "Edm.String" },
      { kind: "name", name: "Messages" },
    ]);
    expect(buildUrl(ctx(), msgs)).toBe("https://h.example/api/v2.0/Users('u@x.com')/Messages");
  });
});

describe("createContext", () => {
  it("uses the defaults and normalises the base URL", () => {
    const c = createContext(undefined, { baseUrl: "https://outlook.office.com/api/v2.0/", sendAnchorMailbox: true });
    expect(c.baseUrl).toBe("https://outlook.office.com/api/v2.0");
    expect(c.options.sendAnchorMailbox).toBe(true);
    const o = createContext({ baseUrl: "https://x/", sendAnchorMailbox: false }, { baseUrl: "https://y", sendAnchorMailbox: true });
    expect(o.baseUrl).toBe("https://x");
    expect(o.options.sendAnchorMailbox).toBe(false);
  });

  it("throws without a base URL", () => {
    expect(() => createContext({}, { baseUrl: "", sendAnchorMailbox: false })).toThrow(/no baseUrl/);
  });
});
