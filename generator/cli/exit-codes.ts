/** The exit codes of `codegen`, one per kind of outcome, so CI can tell them apart (documented in the README). */
export const EXIT = {
  /** Generated, or --check found no drift. */
  ok: 0,
  /** The metadata (or a metadata source) has errors; nothing was written. */
  metadata: 1,
  /**
   * A usage mistake, a bad config file, or an output folder codegen may not or cannot write: one holding files it did
   * not write, a file, a symbolic link, a path blocked inside it (output-not-owned, output-not-a-folder,
   * output-path-blocked), or a change the file system refused (output-write-failed: no permission, no space, a
   * read-only file system...; what the run had changed was undone). Either way the folder is as it was.
   */
  usage: 2,
  /** --check: the output folder differs from what would be generated. */
  drift: 3,
  /** codegen diff --fail-on breaking: the two models differ by at least one breaking change. */
  breaking: 4,
  /** codegen migrate-request: at least one request has no Graph translation (each problem is printed). */
  untranslatable: 5,
  /** A bug in codegen (EX_SOFTWARE). */
  internal: 70,
} as const;
