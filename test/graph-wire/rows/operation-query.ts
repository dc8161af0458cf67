// Issue 12, "Query options on operation results": a function's result takes its type's query options, Graph's
// parameterless functions go without parentheses (as its documentation writes them), the calendar window is a typed,
// required option (a custom query option, no `$`), and `$search` is quoted by the client.
import type { Row } from "./row.js";

const WINDOW = 'startDateTime: "2026-12-01T00:00:00Z", endDateTime: "2026-12-08T00:00:00Z"';
const WINDOW_QS = "startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-08T00:00:00Z";

export const rows: readonly Row[] = [
  {
    cause: "Query options on operation results",
    calls: [
      {
        name: "delta() of contacts with $select",
        code: 'return client.me.contacts.delta().list({ select: ["displayName"] });',
        requests: [{ method: "GET", url: "https://graph.test/v1.0/me/contacts/delta?$select=displayName" }],
      },
      {
        name: "calendarView/delta with its window",
        code: `return client.me.calendarView.delta().list({ ${WINDOW} });`,
        requests: [{ method: "GET", url: `https://graph.test/v1.0/me/calendarView/delta?${WINDOW_QS}` }],
      },
      {
        name: "calendarView with its window and $select",
        code: `return client.me.calendarView.list({ ${WINDOW}, select: ["subject"] });`,
        requests: [{ method: "GET", url: `https://graph.test/v1.0/me/calendarView?$select=subject&${WINDOW_QS}` }],
      },
      {
        name: "an event's instances, the window given as Dates",
        code:
          'return client.me.events.byId("AAMk=").instances.list({ startDateTime: new Date(Date.UTC(2026, 11, 1)), ' +
          'endDateTime: new Date(Date.UTC(2026, 11, 8)), select: ["subject"] });',
        requests: [
          {
            method: "GET",
            url: "https://graph.test/v1.0/me/events/AAMk=/instances?$select=subject&startDateTime=2026-12-01T00:00:00.000Z&endDateTime=2026-12-08T00:00:00.000Z",
          },
        ],
      },
      {
        name: "calendarView/$count with its window",
        code: `return client.me.calendarView.$count.get({ ${WINDOW} });`,
        requests: [{ method: "GET", url: `https://graph.test/v1.0/me/calendarView/$count?${WINDOW_QS}` }],
        answer: () => new Response("4", { status: 200, headers: { "content-type": "text/plain" } }),
      },
      {
        name: "$search quoted and escaped by the client",
        code: 'return client.me.messages.list({ search: \'pizza "deep dish"\' });',
        requests: [{ method: "GET", url: 'https://graph.test/v1.0/me/messages?$search="pizza \\"deep dish\\""' }],
      },
      {
        name: "a function with a single entity result takes $select",
        code: 'return client.sites.byId("root").getByPath({ path: "/teams/a" }).get({ select: ["displayName"] });',
        requests: [{ method: "GET", url: "https://graph.test/v1.0/sites/root/getByPath(path='/teams/a')?$select=displayName" }],
      },
      {
        name: "a collection function keeps its parentheses when it has parameters",
        code: 'return client.me.drive.root.delta({ token: "t1" }).list({ select: ["name"], top: 5 });',
        requests: [{ method: "GET", url: "https://graph.test/v1.0/me/drive/root/delta(token='t1')?$select=name&$top=5" }],
      },
    ],
    refused: [
      { code: "await client.me.calendarView.list();", why: "calendarView needs its window (startDateTime, endDateTime)" },
      { code: 'await client.me.calendarView.list({ startDateTime: "2026-12-01T00:00:00Z" });', why: "the window needs both ends" },
      { code: "await client.me.calendarView.delta().list({});", why: "calendarView/delta needs the window too" },
      { code: 'await client.me.events.byId("e").instances.items();', why: "an event's instances need the window" },
      { code: "await client.me.calendarView.$count.get();", why: "calendarView/$count needs the window too" },
      { code: "await client.me.calendarView.count();", why: "count() takes no window, so calendarView offers $count instead" },
      { code: 'await client.me.contacts.delta().list({ select: ["nope"] });', why: "$select names the result type's properties" },
    ],
  },
];
