import { describe, expect, it } from "vitest";
import { buildUrl, createContext, Path, serializeQuery, type QueryOptions } from "../../templates/runtime/index.js";

interface AttachmentQuery {
  select: "Name" | "Size";
  expand: {};
}
interface MessageQuery {
  select: "Subject" | "From" | "ReceivedDateTime";
  expand: { Attachments: AttachmentQuery; Extensions: { select: "Id"; expand: {} } };
}

describe("serializeQuery", () => {
  it("emits every option in the fixed order, then params", () => {
    const q: QueryOptions<MessageQuery> = {
      params: { "x-y": "1" },
      count: true,
      skip: 20,
      top: 10,
      orderby: ["ReceivedDateTime desc", "Subject"],
      search: '"pizza"',
      filter: "IsRead eq false",
      expand: ["Attachments"],
      select: ["Subject", "From"],
    };
    expect(serializeQuery(q)).toEqual([
      ["$select", "Subject,From"],
      ["$expand", "Attachments"],
      ["$filter", "IsRead eq false"],
      ["$search", '"pizza"'],
      ["$orderby", "ReceivedDateTime desc,Subject"],
      ["$top", "10"],
      ["$skip", "20"],
      ["$count", "true"],
      ["x-y", "1"],
    ]);
  });

  it("serialises nested expand with ; separated options in the same order", () => {
    const q: QueryOptions<MessageQuery> = {
      expand: {
        Attachments: { top: 5, select: ["Name"], expand: {} },
        Extensions: { filter: "Id eq 'x'" },
      },
    };
    expect(serializeQuery(q)).toEqual([["$expand", "Attachments($select=Name;$top=5),Extensions($filter=Id eq 'x')"]]);
    const deep: QueryOptions<any> = {
      expand: { A: true, B: { expand: { C: { select: ["X", "Y"], expand: ["D"] } }, count: true }, E: undefined },
    };
    expect(serializeQuery(deep)).toEqual([["$expand", "A,B($expand=C($select=X,Y;$expand=D);$count=true)"]]);
  });

  it("skips absent and empty options but keeps zero and false", () => {
    expect(serializeQuery(undefined)).toEqual([]);
    expect(serializeQuery({})).toEqual([]);
    expect(serializeQuery({ select: [], expand: {}, filter: "", top: 0, skip: 0, count: false })).toEqual([
      ["$top", "0"],
      ["$skip", "0"],
      ["$count", "false"],
    ]);
  });
});

describe("query string encoding", () => {
  const ctx = createContext(undefined, { baseUrl: "https://h/api", sendAnchorMailbox: false });
  const me = Path.root().nav("Me").nav("Messages");

  it("keeps $ , ( ) ' : @ / readable, and = ; in values, and encodes the rest", () => {
    expect(
      buildUrl(ctx, me, {
        select: ["Subject", "From"],
        filter: "Subject eq 'a&b=c+d#e%f' and ReceivedDateTime ge 2024-01-01T00:00:00Z",
        orderby: ["ReceivedDateTime desc"],
        top: 10,
        count: true,
        params: { "a&b": "x=y/z?", "@p": "é" },
      }),
    ).toBe(
      "https://h/api/Me/Messages?$select=Subject,From" +
        "&$filter=Subject%20eq%20'a%26b=c%2Bd%23e%25f'%20and%20ReceivedDateTime%20ge%202024-01-01T00:00:00Z" +
        "&$orderby=ReceivedDateTime%20desc&$top=10&$count=true&a%26b=x=y/z%3F&@p=%C3%A9",
    );
  });

  it("encodes nested expand", () => {
    expect(buildUrl(ctx, me, { expand: { Attachments: { select: ["Name"], top: 5 } } })).toBe(
      "https://h/api/Me/Messages?$expand=Attachments($select=Name;$top=5)",
    );
  });
});
