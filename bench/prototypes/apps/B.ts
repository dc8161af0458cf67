import { createClient } from "ENTRY";

const client = createClient({ getAccessToken: async () => "token" });

async function main(): Promise<void> {
  const inbox = await client.me.mailFolders.byId("Inbox").messages.list({ select: ["subject"], top: 10 });
  console.log(inbox.value.length);
  await client.me.sendMail({ Message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] } });
}

main().catch((e) => console.error(e));
