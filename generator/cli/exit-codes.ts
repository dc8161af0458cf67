/** The exit codes of `codegen`, one per kind of outcome, so CI can tell them apart (documented in the README). */
export const EXIT = {
  /** Generated, or --check found no drift. */
  ok: 0,
  /** The metadata (or a metadata source) has errors; nothing was written. */
  metadata: 1,
  /** A usage mistake or a bad config file; nothing was written. */
  usage: 2,
  /** --check: the output folder differs from what would be generated. */
  drift: 3,
  /** A bug in codegen (EX_SOFTWARE). */
  internal: 70,
} as const;
