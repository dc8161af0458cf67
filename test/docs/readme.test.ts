/**
 * The README's TypeScript examples type-check against the committed client
 * and the generator's API, so the documentation cannot drift from the code.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";

const dir = mkdtempSync(join(REPO, "node_modules", ".readme-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function examples(): string[] {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
}

describe("README examples", () => {
  it("has examples for every version and the API", () => {
    const all = examples().join("\n");
    for (const entry of ["outlook-rest-client/v1.0", "outlook-rest-client/v2.0", "outlook-rest-client/beta", "odata-codegen"]) {
      expect(all).toContain(`"${entry}"`);
    }
  });

  it("type-check", { timeout: 120_000 }, () => {
    const files = examples().map((code, i) => {
      const name = `example${i}.ts`;
      // The examples use a token and an id from the reader's own code.
      writeFileSync(join(dir, name), `declare const token: string;\ndeclare const id: string;\n${code}\nexport {};\n`);
      return name;
    });
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "Bundler",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          types: ["node"],
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: true,
          allowImportingTsExtensions: true,
          paths: {
            // The package's exports: a version's entry, its migration map, the translators.
            "outlook-rest-client/runtime/migrate": [join(REPO, "generated/runtime/migrate.ts")],
            "outlook-rest-client/v1.0/migration": [join(REPO, "generated/v1.0/migration.ts")],
            "outlook-rest-client/v2.0/migration": [join(REPO, "generated/v2.0/migration.ts")],
            "outlook-rest-client/beta/migration": [join(REPO, "generated/beta/migration.ts")],
            "outlook-rest-client/*": [join(REPO, "generated/*/index.ts")],
            "odata-codegen": [join(REPO, "generator/index.ts")],
          },
        },
        files,
      }),
    );
    let output = "";
    try {
      execFileSync(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], { stdio: "pipe" });
    } catch (e) {
      output = String((e as { stdout?: Buffer }).stdout ?? e);
    }
    expect(output).toBe("");
  });
});
