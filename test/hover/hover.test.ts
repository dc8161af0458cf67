/**
 * What an editor shows: the TypeScript language service's quick info (hover) on a generated property and on a bound
 * operation, in a small usage file against the committed generated/v2.0. Outlook's metadata has no descriptions, so
 * every doc seen here is computed by the plan from the model.
 */
import { join } from "node:path";
import { Project, ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { GENERATED } from "../helpers/paths.js";

const USAGE = `import { createClient, type Message } from "./index.js";

declare const message: Message;
const client = createClient({ getAccessToken: async () => "token" });
export const subject = message.Subject;
export const received = message.ReceivedDateTime;
export const id = message.Id;
export const reply = client.me.messages.byId("AAMk").reply.post({ Comment: "Thanks" });
export const view = client.me.reminderView({ StartDateTime: "2026-01-01T00:00:00Z", EndDateTime: "2026-01-02T00:00:00Z" });
export const attachments = client.me.messages.byId("AAMk").attachments;
export const me = client.me;
`;

const project = new Project({
  compilerOptions: {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
  },
});
project.addSourceFilesAtPaths(join(GENERATED, "package.json"));
const usagePath = join(GENERATED, "v2.0", "__hover_usage__.ts");
const usage = project.createSourceFile(usagePath, USAGE, { overwrite: true });
const service = project.getLanguageService().compilerObject;

/** The hover at the first occurrence of `marker` in the usage file: signature and documentation. */
function hover(marker: string): { signature: string; doc: string } {
  const at = USAGE.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker} in the usage file`);
  const info = service.getQuickInfoAtPosition(usagePath, at + 1);
  if (!info) throw new Error(`no quick info at ${marker}`);
  return { signature: ts.displayPartsToString(info.displayParts), doc: ts.displayPartsToString(info.documentation) };
}

describe("hover docs of the generated client", () => {
  it("type-checks the usage file", () => {
    const errors = project.getPreEmitDiagnostics().filter((d) => d.getSourceFile()?.getFilePath() === usage.getFilePath());
    expect(errors.map((d) => d.getMessageText())).toEqual([]);
  });

  it("a property shows its EDM type and facts", () => {
    const subject = hover("Subject;");
    expect(subject.signature).toContain("Message.Subject?: string | null");
    // A doc that would only repeat the TypeScript type (`Edm.String.`) is left out (contract amendment 2).
    expect(subject.doc).toBe("");
    // The TS type says string; the doc says which EDM type the service sends.
    expect(hover("ReceivedDateTime;").doc).toBe("Edm.DateTimeOffset.");
    expect(hover("Id;").doc).toBe("Edm.String, key.");
  });

  it("an action shows POST and its URL shape", () => {
    const reply = hover("reply.");
    // Reply's parameters are all optional: `post()` may leave them out.
    expect(reply.signature).toContain("MessageMembers.reply: OptionalActionNode<");
    expect(reply.doc).toBe("POST …/Messages('{Id}')/Reply");
  });

  it("a function shows GET and its parameters in the URL", () => {
    expect(hover("reminderView(").doc).toBe("GET …/Users('{Id}')/ReminderView(StartDateTime=…,EndDateTime=…)");
  });

  it("a navigation and a singleton show their methods and URL shape", () => {
    expect(hover(".attachments;").doc).toBe("GET, POST …/Messages('{Id}')/Attachments");
    expect(hover(".me;").doc).toBe("Singleton Me: GET, PATCH …/Me");
  });
});
