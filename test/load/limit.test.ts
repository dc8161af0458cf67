/** The size limit on a metadata file: counted while reading, exact at the boundary, for files of any kind. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSource, type LoadFailure, type LoadedSource } from "../../generator/load/load.js";
import { formatSize, parseSize } from "../../generator/load/size.js";

const dir = mkdtempSync(join(tmpdir(), "codegen-limit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = (source: string, maxBytes?: number): Promise<LoadedSource | LoadFailure> =>
  loadSource({ label: "v", source }, fetch, maxBytes !== undefined ? { maxBytes } : {});

describe("a metadata file's size limit", () => {
  it("a file of exactly the limit is read; one byte more is refused", async () => {
    const file = join(dir, "m.xml");
    const text = `<a>${"x".repeat(1993)}</a>`;
    writeFileSync(file, text);
    expect(text.length).toBe(2000);
    expect(await load(file, 2000)).toMatchObject({ text });
    expect(await load(file, 1999)).toEqual({
      file,
      code: "load-too-large",
      message:
        "the metadata file is larger than 1999 bytes, too large to be a metadata document (the limit is set with --max-metadata-size or the config's maxMetadataSize)",
    });
  });

  it("a device that never ends stops at the limit; a file whose size the system does not know is read whole", async () => {
    expect(await load("/dev/zero", 3_000_000)).toMatchObject({ code: "load-too-large", message: expect.stringContaining("larger than 3 MB") });
    const proc = await load("/proc/self/status");
    expect("text" in proc && proc.text).toMatch(/^Name:/);
  });

  it("a folder and a missing file are load-failed", async () => {
    expect(await load(dir)).toMatchObject({ code: "load-failed", message: "could not read metadata: EISDIR" });
    expect(await load(join(dir, "none.xml"))).toMatchObject({ code: "load-failed", message: "could not read metadata: ENOENT" });
  });
});

describe("sizes in words", () => {
  it.each([
    ["100MB", 100_000_000],
    ["100 mb", 100_000_000],
    ["64MiB", 64 * 1024 * 1024],
    ["1.5GB", 1_500_000_000],
    ["2KiB", 2048],
    ["5000", 5000],
    ["5000B", 5000],
    [4096, 4096],
  ])("%s is %d bytes", (words, bytes) => {
    expect(parseSize(words)).toBe(bytes);
  });

  it.each(["", "0", "0MB", "-1", "1e6", "MB", "12 parsecs", "0.0001KB", null, undefined, 0, -5, 1.5, Number.NaN, Infinity, {}])("%s is not a size", (words) => {
    expect(parseSize(words)).toBeUndefined();
  });

  it("formatSize names the unit the number is whole in", () => {
    expect([100_000_000, 64 * 1024 * 1024, 2_000_000_000, 1000, 1024, 1234].map(formatSize)).toEqual(["100 MB", "64 MiB", "2 GB", "1 KB", "1 KiB", "1234 bytes"]);
  });
});
