// What the command loads at start: zod (about half of the command's code) only when a config file is checked, so a
// run without one never pays for it. Follows the static imports from the command's entry through the generator's
// sources; a dynamic import() is where loading on demand happens, and is not followed.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const generator = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "generator");

/** Every module the entry reaches through static imports: local files by path, packages by name. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    // `import … from "x"` and `export … from "x"`, type-only ones excluded (they vanish when compiled).
    for (const m of text.matchAll(/^(?:import|export)(?!\s+type\b)[^;]*?\sfrom\s+"([^"]+)";/gms)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else if (!spec.startsWith("node:")) packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("what the command loads at start", () => {
  const graph = staticGraph(join(generator, "cli", "main.ts"));

  it("reaches the pipeline and the config reader statically", () => {
    expect(graph.files).toContain(join(generator, "pipeline.ts"));
    expect(graph.files).toContain(join(generator, "cli", "config.ts"));
    expect(graph.packages).toContain("yargs");
  });

  it("loads zod and the config schema only on demand", () => {
    expect(graph.packages).not.toContain("zod");
    expect(graph.files).not.toContain(join(generator, "cli", "config-schema.ts"));
  });
});
