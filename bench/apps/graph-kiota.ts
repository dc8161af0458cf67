// The bench app, Kiota: @microsoft/msgraph-sdk with the users/me package (@microsoft/msgraph-sdk-users).
// Lists 10 inbox messages with $select, then sends one mail. Bundled (bench/bundle.mjs) and type-checked in a
// fresh consumer project by bench/run.ts; never run, so the token is a placeholder.
import { BaseBearerTokenAuthenticationProvider, AllowedHostsValidator } from "@microsoft/kiota-abstractions";
import { createGraphServiceClient, GraphRequestAdapter } from "@microsoft/msgraph-sdk";
import "@microsoft/msgraph-sdk-users";

const auth = new BaseBearerTokenAuthenticationProvider({
  getAuthorizationToken: async () => "token",
  getAllowedHostsValidator: () => new AllowedHostsValidator(new Set(["graph.microsoft.com"])),
});
const client = createGraphServiceClient(new GraphRequestAdapter(auth));

export async function main(): Promise<number> {
  const inbox = await client.me.mailFolders.byMailFolderId("inbox").messages.get({
    queryParameters: { select: ["subject", "from", "receivedDateTime"], top: 10 },
  });
  const count = inbox?.value?.length ?? 0;
  await client.me.sendMail.post({
    message: { subject: "Hi", toRecipients: [{ emailAddress: { address: "a@contoso.com" } }] },
    saveToSentItems: true,
  });
  return count;
}

main().catch((e: unknown) => console.error(e));
