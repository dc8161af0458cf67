// The bench app, this client over Outlook REST v2.0 (generated/, the client shape of issue 11). Lists 10 inbox
// messages with $select, then sends one mail. bench/run.ts bundles it against generated/v2.0's TypeScript sources.
// Never run, so the token is a placeholder.
import { createClient } from "outlook-rest-client/v2.0";

const client = createClient({ getAccessToken: async () => "token" });

export async function main(): Promise<number> {
  const inbox = await client.me.mailFolders.byId("Inbox").messages.list({ select: ["Subject", "From", "ReceivedDateTime"], top: 10 });
  await client.me.sendMail.post({
    Message: { Subject: "Hi", ToRecipients: [{ EmailAddress: { Address: "a@contoso.com" } }] },
    SaveToSentItems: true,
  });
  return inbox.value.length;
}

main().catch((e: unknown) => console.error(e));
