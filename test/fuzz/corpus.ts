/** The seeds: the project's own metadata, the test fixtures and, rarely, Microsoft Graph. */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Seed } from "./mutate.js";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const GRAPH = join(REPO, "..", "shared", "corpus", "graph-v1.0.csdl.xml");

/**
 * `graphWeight` is the weight of Graph's 3.4 MB document (0 leaves it out). The Outlook documents weigh 2 each; the
 * valid fixtures 3 (they generate fast, and their few elements get mutated more often); the CLI's fixtures, already
 * broken, 0.5.
 */
export function loadSeeds(graphWeight = 0, only?: string): Seed[] {
  const seeds: Seed[] = [];
  for (const f of ["v1.0.xml", "v2.0.xml", "beta.xml"]) seeds.push({ name: `metadata/${f}`, text: readFileSync(join(REPO, "metadata", f), "utf8"), weight: 2 });
  const fixtures = join(REPO, "test", "fixtures");
  for (const f of readdirSync(fixtures).filter((n) => n.endsWith(".xml")).sort()) {
    seeds.push({ name: `test/fixtures/${f}`, text: readFileSync(join(fixtures, f), "utf8"), weight: f.startsWith("cli-") ? 0.5 : 3 });
  }
  if (graphWeight > 0 && existsSync(GRAPH)) seeds.push({ name: "graph-v1.0.csdl.xml", text: readFileSync(GRAPH, "utf8"), weight: graphWeight });
  // --only: the seeds whose name holds the text (to aim a run at one document, or at the small ones).
  return only === undefined ? seeds : seeds.filter((s) => s.name.includes(only));
}
