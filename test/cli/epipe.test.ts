/**
 * `codegen diff … | head -1`: the reader closes the pipe after its first line. codegen stops quietly (exit 0, no
 * stack trace), as command-line tools do, instead of dying on an unhandled EPIPE.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { corpusFile, METADATA, REPO } from "../helpers/paths.js";

it("stops quietly when stdout's reader goes away (codegen diff | head -1, a report larger than the pipe's buffer)", async () => {
  const child = spawn(process.execPath, [join(REPO, "generator", "cli", "codegen.mjs"), "diff", "--from", `v2.0=${join(METADATA, "v2.0.xml")}`, "--to", `graph=${corpusFile("graph-v1.0.csdl.xml")}`, "-q"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  // Read the first chunk, then close the pipe, as head does.
  await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  expect(stderr).not.toMatch(/EPIPE|at .*\(/);
  expect(code).toBe(0);
}, 60_000);
