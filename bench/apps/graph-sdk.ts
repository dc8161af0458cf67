// The bench app, the types-only route: @microsoft/microsoft-graph-client (untyped calls) with the model types of
// @microsoft/microsoft-graph-types. Lists 10 inbox messages with $select, then sends one mail. Bundled
// (bench/bundle.mjs) and type-checked in a fresh consumer project by bench/run.ts; never run.
import { Client } from "@microsoft/microsoft-graph-client";
import type { Message } from "@microsoft/microsoft-graph-types";

const client = Client.init({ authProvider: (done) => done(null, "token") });

export async function main(): Promise<number> {
  const inbox: { value: Message[] } = await client
    .api("/me/mailFolders/inbox/messages")
    .select(["subject", "from", "receivedDateTime"])
    .top(10)
    .get();
  const message: Message = { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] };
  await client.api("/me/sendMail").post({ message, saveToSentItems: true });
  return inbox.value.length;
}

main().catch((e: unknown) => console.error(e));
