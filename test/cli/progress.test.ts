/** When the progress line shows: a terminal, not CI, not --quiet/--verbose, and only after a second. */
import { describe, expect, it } from "vitest";
import { createProgress, isCI, shouldShowProgress } from "../../generator/cli/progress.js";

const base = { isTTY: true, env: {}, quiet: false, verbose: false, elapsedMs: 1500 };

describe("shouldShowProgress", () => {
  it.each([
    ["a terminal, after a second", {}, true],
    ["before a second has passed", { elapsedMs: 999 }, false],
    ["exactly one second", { elapsedMs: 1000 }, false],
    ["not a terminal", { isTTY: false }, false],
    ["--quiet", { quiet: true }, false],
    ["--verbose", { verbose: true }, false],
    ["CI=true", { env: { CI: "true" } }, false],
    ["CI=1", { env: { CI: "1" } }, false],
    ["CI=false", { env: { CI: "false" } }, true],
    ["CI=0", { env: { CI: "0" } }, true],
    ["GITHUB_ACTIONS", { env: { GITHUB_ACTIONS: "true" } }, false],
    ["TERM=dumb", { env: { TERM: "dumb" } }, false],
  ])("%s", (_what, change, expected) => {
    expect(shouldShowProgress({ ...base, ...change })).toBe(expected);
  });

  it("isCI reads the common variables", () => {
    expect(isCI({})).toBe(false);
    expect(isCI({ CI: "" })).toBe(false);
    expect(isCI({ BUILD_NUMBER: "12" })).toBe(true);
  });
});

describe("createProgress", () => {
  function fakeStream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } };
  }

  it("draws stage names on one line once a second has passed, and clears it at the end", () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const p = createProgress("out", { quiet: false, verbose: false }, stream, {}, () => now);
    p.stage("parse");
    expect(writes).toEqual([]);
    now = 1200;
    p.stage("plan");
    now = 1300;
    p.stage("render");
    p.done();
    expect(writes).toEqual(["\r\u001b[2Kcodegen: out plan…", "\r\u001b[2Kcodegen: out render…", "\r\u001b[2K"]);
  });

  it("writes nothing when stderr is not a terminal, or under CI", () => {
    for (const [tty, env] of [
      [false, {}],
      [true, { CI: "true" }],
    ] as const) {
      let now = 0;
      const { writes, stream } = fakeStream(tty);
      const p = createProgress("out", { quiet: false, verbose: false }, stream, env, () => now);
      now = 5000;
      p.stage("format");
      p.done();
      expect(writes).toEqual([]);
    }
  });
});
