import { Client } from "@microsoft/microsoft-graph-client";
import type { Message } from "@microsoft/microsoft-graph-types";

const client = Client.init({ authProvider: (done) => done(null, "token") });

async function main(): Promise<void> {
  const inbox: { value: Message[] } = await client.api("/me/mailFolders/Inbox/messages").select(["subject"]).top(10).get();
  console.log(inbox.value.length);
  await client.api("/me/sendMail").post({ message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] } satisfies Message });
}

main().catch((e) => console.error(e));
