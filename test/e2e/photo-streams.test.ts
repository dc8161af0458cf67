/**
 * Issue 12, photo streams over real HTTP (Outlook v2.0 simulator): the media entity's `$value` node, down and up,
 * with a Uint8Array, a Blob and a ReadableStream streamed to the server (half duplex), beside the older
 * getContent/setContent; and a property path under the "upper" wire rule.
 */
import { describe, expect, it } from "vitest";
import { ALICE, BOB, clientOptions, drain, png, useSimulator, v2 } from "./harness.js";

describe("photo streams (v2.0): $value", () => {
  const sim = useSimulator();
  const client = (): v2.ServiceClient => v2.createClient(clientOptions(sim(), "v2.0"));

  it("downloads the placeholder and uploads bytes through $value; the metadata follows", async () => {
    const photo = client().me.photo;
    const placeholder = await photo.$value.get();
    expect([placeholder.status, placeholder.headers.get("content-type")]).toEqual([200, "image/gif"]);
    expect(Buffer.from(await placeholder.arrayBuffer()).subarray(0, 6).toString("latin1")).toBe("GIF89a");

    const image = png(96, 96);
    const put = await photo.$value.put(image, { contentType: "image/png" });
    expect(put.ok).toBe(true);
    expect(sim().store.mailbox(ALICE, "v2.0").photo?.bytes.equals(image)).toBe(true);
    expect(await photo.get()).toMatchObject({ "@odata.mediaContentType": "image/png", Width: 96, Height: 96 });
    const down = await photo.$value.get();
    expect(down.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(image);
    // The older form reads the same bytes.
    expect(new Uint8Array(await (await photo.getContent()).arrayBuffer())).toEqual(image);

    expect(drain(sim()).map((r) => [r.method, r.path, r.anchor, r.contentType])).toEqual([
      ["GET", "/Me/Photo/$value", ALICE, undefined],
      ["PUT", "/Me/Photo/$value", ALICE, "image/png"],
      ["GET", "/Me/Photo", ALICE, undefined],
      ["GET", "/Me/Photo/$value", ALICE, undefined],
      ["GET", "/Me/Photo/$value", ALICE, undefined],
    ]);
  });

  it("uploads a ReadableStream as a stream, in chunks, and a Blob with its own type", async () => {
    const image = png(64, 64);
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        // Three chunks: the body is read as it goes, not handed over whole.
        const part = image.subarray(pulls * 11, (pulls + 1) * 11);
        pulls++;
        if (part.length > 0) c.enqueue(part);
        if (pulls * 11 >= image.length) c.close();
      },
    });
    const me = client().me.photo;
    expect((await me.$value.put(stream, { contentType: "image/png" })).ok).toBe(true);
    expect(pulls).toBe(3);
    expect(sim().store.mailbox(ALICE, "v2.0").photo?.bytes.equals(image)).toBe(true);
    expect(await me.get()).toMatchObject({ Width: 64, Height: 64 });

    const bob = client().users.byId(BOB).photo;
    const bobImage = png(48, 48);
    await bob.$value.put(new Blob([bobImage], { type: "image/png" }));
    const down = await bob.$value.get();
    const reader = down.body!.getReader();
    const parts: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    expect(new Uint8Array(Buffer.concat(parts))).toEqual(bobImage);

    expect(drain(sim()).map((r) => [r.method, r.path, r.anchor, r.contentType])).toEqual([
      ["PUT", "/Me/Photo/$value", ALICE, "image/png"],
      ["GET", "/Me/Photo", ALICE, undefined],
      ["PUT", `/Users('${BOB}')/Photo/$value`, BOB, "image/png"],
      ["GET", `/Users('${BOB}')/Photo/$value`, BOB, undefined],
    ]);
  });
});

describe("property paths (v2.0): named as navigations are, sent with the wire rule", () => {
  const sim = useSimulator();

  it("me.displayName is /Me/DisplayName, answered as { value }", async () => {
    const client = v2.createClient(clientOptions(sim(), "v2.0"));
    const name: string | null = (await client.me.displayName.get()).value;
    expect(name).toBe("Alice Adams");
    expect(drain(sim()).map((s) => [s.method, s.path, s.anchor])).toEqual([["GET", "/Me/DisplayName", ALICE]]);
  });
});
