import { act, byId, createClient, list, nav } from "ENTRY";

const client = createClient({ getAccessToken: async () => "token" });

async function main(): Promise<void> {
  const me = nav(client, "me");
  const inbox = await list(nav(byId(nav(me, "mailFolders"), "Inbox"), "messages"), { select: ["subject"], top: 10 });
  console.log(inbox.value.length);
  await act(me, "sendMail", { Message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] } });
}

main().catch((e) => console.error(e));
