/**
 * The largest metadata document codegen reads, from a file or a URL: a byte count, or a size in words ("200MB",
 * "1.5 GiB"). KB, MB and GB are powers of 1000; KiB, MiB and GiB powers of 1024.
 */

/** 100 MB: ten times the largest real service's $metadata (Microsoft Graph's, about 10 MB) and then some. */
export const DEFAULT_MAX_METADATA_BYTES = 100_000_000;

const UNITS: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** Bytes for a size such as 200MB, 1.5 GiB or 5000000; undefined when it is not one (or not above 0). */
export function parseSize(size: unknown): number | undefined {
  if (typeof size === "number") return Number.isSafeInteger(size) && size > 0 ? size : undefined;
  if (typeof size !== "string") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(size);
  if (m === null) return undefined;
  const unit = UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(m[1]) * unit);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** 100000000 → "100 MB", 67108864 → "64 MiB", 1000 → "1 KB", 1234 → "1234 bytes". */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ["GB", 1e9],
    ["GiB", 1024 ** 3],
    ["MB", 1e6],
    ["MiB", 1024 ** 2],
    ["KB", 1e3],
    ["KiB", 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** What a size option accepts, for messages. */
export const SIZE_WORDS = "a size in bytes above 0, such as 200MB, 1.5GB, 64MiB or 5000000";
