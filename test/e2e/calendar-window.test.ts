/**
 * Issue 12, profile options end to end: the Outlook profile types calendarView's and an event's instances' window
 * (`startDateTime`, `endDateTime`) as required options, sent as custom query options (no `$`), so the documented
 * calls need no raw `params`. Against the simulator, which requires the window (fact sheet: D-cal).
 */
import { describe, expect, it } from "vitest";
import { ALICE, freshHarnesses, param, seen, v2Client } from "./harness-sync-batch.js";

const fresh = freshHarnesses();

describe("v2.0 calendar window as typed options", () => {
  it("calendarView and instances with startDateTime/endDateTime (strings and Dates) and $select", async () => {
    const { sim } = await fresh();
    const client = v2Client(sim, { anchorMailbox: ALICE });
    const series = await client.me.events.create({
      Subject: "Daily",
      Start: { DateTime: "2016-07-04T09:00:00", TimeZone: "UTC" },
      End: { DateTime: "2016-07-04T09:30:00", TimeZone: "UTC" },
      Recurrence: {
        Pattern: { Type: "Daily", Interval: 1 },
        Range: { Type: "Numbered", StartDate: "2016-07-04", NumberOfOccurrences: 5 },
      },
    });
    sim.clearRequests();
    const view = await client.me.calendarView.list({
      startDateTime: "2016-07-05T00:00:00Z",
      endDateTime: new Date(Date.UTC(2016, 6, 7)),
      select: ["Subject", "Type"],
    });
    expect(view.value.map((e) => [e.Subject, e.Type])).toEqual([
      ["Daily", "Occurrence"],
      ["Daily", "Occurrence"],
    ]);
    const instances = await client.me.events.byId(series.Id!).instances.list({
      startDateTime: "2016-07-01T00:00:00Z",
      endDateTime: "2016-07-31T00:00:00Z",
    });
    expect(instances.value).toHaveLength(5);
    const query = (r: Parameters<typeof param>[0] | undefined) => Object.fromEntries(new URL(r?.url ?? "/", "http://x.invalid").searchParams);
    const [viewGet] = seen(sim, "GET", /\/Me\/CalendarView$/i);
    expect(query(viewGet)).toEqual({ $select: "Subject,Type", startDateTime: "2016-07-05T00:00:00Z", endDateTime: "2016-07-07T00:00:00.000Z" });
    const [instancesGet] = seen(sim, "GET", /\/Instances$/i);
    expect(query(instancesGet)).toEqual({ startDateTime: "2016-07-01T00:00:00Z", endDateTime: "2016-07-31T00:00:00Z" });
  });

  it("the types require both ends of the window", () => {
    const client = v2Client({ baseUrl: () => "http://127.0.0.1:1/api/v2.0" } as never);
    // @ts-expect-error calendarView's reads need the window
    const none = () => client.me.calendarView.list({ select: ["Subject"] });
    // @ts-expect-error both ends
    const half = () => client.me.calendarView.items({ startDateTime: "2016-07-01T00:00:00Z" });
    // @ts-expect-error an event's instances need it too
    const instances = () => client.me.events.byId("e").instances.pages();
    expect([none, half, instances].map((f) => typeof f)).toEqual(["function", "function", "function"]);
  });
});
