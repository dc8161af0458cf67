/**
 * Opaque ids in the style of Exchange: base64url text (so `-` and `_` occur), sometimes with `=`
 * padding, so that clients have to escape keys properly. A seeded generator keeps runs reproducible.
 */
export class IdSource {
  private state: number;

  constructor(seed = 0x5eed1234) {
    this.state = seed >>> 0 || 1;
  }

  /** xorshift32 */
  private next(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.state = x;
    return x;
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }

  /** An item or folder id, e.g. `AAMkAGI2…_x-Q=`: 34–36 random bytes, so padding varies. */
  id(prefix = "AAMk"): string {
    const n = 34 + (this.next() % 3);
    return prefix + toBase64Url(this.bytes(n));
  }

  changeKey(): string {
    return `CQAAAB${toBase64Url(this.bytes(15))}`;
  }

  guid(): string {
    const h = this.bytes(16).toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** base64 with `-` and `_` for `+` and `/`, padding kept. */
export function toBase64Url(bytes: Buffer): string {
  return bytes.toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

export function fromBase64Url(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}
