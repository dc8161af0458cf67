// The bench app, this client over Graph v1.0 (the client shape of issue 11). Lists 10 inbox messages with $select,
// then sends one mail. "graph-client" is the package codegen writes for the Graph document: bench/run.ts bundles this
// file against the output's TypeScript sources and type-checks it against the package's declarations
// (dist/*.d.ts, as a consumer installs it). Never run, so the token is a placeholder.
import { createClient } from "graph-client/v1.0";

const client = createClient({ getAccessToken: async () => "token" });

export async function main(): Promise<number> {
  const inbox = await client.me.mailFolders.byId("inbox").messages.list({ select: ["subject", "from", "receivedDateTime"], top: 10 });
  // The action's parameters keep their metadata names (Graph's CSDL spells sendMail's "Message" and "SaveToSentItems"):
  // they are the JSON body's keys on the wire.
  await client.me.sendMail.post({
    Message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] },
    SaveToSentItems: true,
  });
  return inbox.value.length;
}

main().catch((e: unknown) => console.error(e));
