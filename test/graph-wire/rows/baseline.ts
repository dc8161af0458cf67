// Calls that already worked before issue 12, kept as the harness's own check: a navigation list and an action.
import type { Row } from "./row.js";

export const rows: readonly Row[] = [
  {
    cause: "Baseline (before issue 12)",
    calls: [
      {
        name: "lists the inbox with $select and $top",
        code: 'return client.me.mailFolders.byId("inbox").messages.list({ select: ["subject"], top: 2 });',
        requests: [{ method: "GET", url: "https://graph.test/v1.0/me/mailFolders/inbox/messages?$select=subject&$top=2", headers: { accept: "application/json" } }],
        check: (r) => {
          if (!Array.isArray((r as { value?: unknown }).value)) throw new Error("no value array");
        },
      },
    ],
    refused: [{ code: 'await client.me.sendMail({ Message: {} });', why: "an action is sent by post(), not called" }],
  },
];
