/**
 * Calendar semantics (fact sheet §3.2): recurrence expansion into occurrences (addressable by an
 * id derived from the series master and the date; PATCH makes an exception, DELETE cancels it),
 * CalendarView and Instances windows, and the ReminderView function.
 */
import { badRequest, notFound } from "./errors.js";
import { fromBase64Url, toBase64Url } from "./ids.js";
import { readEntityPayload } from "./payload.js";
import { EntityNode, type Mailbox } from "./store.js";
import { snapshot, touch } from "./entities.js";
import { dateTimeTimeZone, instantOf, toInstant } from "./time.js";

const DAY = 86_400_000;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const INDEX = ["first", "second", "third", "fourth", "last"];

interface OccurrenceRef {
  readonly master: EntityNode;
  /** yyyy-mm-dd in the series' zone */
  readonly date: string;
}

/** The zone of an event's start: DateTimeTimeZone.TimeZone (v2.0+) or StartTimeZone (v1.0). */
function startZone(e: Record<string, unknown>): string {
  const start = e.Start as { TimeZone?: unknown } | string | undefined;
  if (start && typeof start === "object" && typeof start.TimeZone === "string") return start.TimeZone;
  return typeof e.StartTimeZone === "string" ? e.StartTimeZone : "UTC";
}

export function eventStart(e: Record<string, unknown>): number {
  return toInstant(e.Start, startZone(e));
}

export function eventEnd(e: Record<string, unknown>): number {
  const end = e.End as { TimeZone?: unknown } | undefined;
  const zone =
    end && typeof end === "object" && typeof end.TimeZone === "string"
      ? end.TimeZone
      : typeof e.EndTimeZone === "string"
        ? e.EndTimeZone
        : startZone(e);
  const ms = toInstant(e.End, zone);
  return Number.isNaN(ms) ? eventStart(e) : ms;
}

/** A value for Start/End in the event's own representation (DateTimeTimeZone, or DateTimeOffset in v1.0). */
function timeValue(sample: unknown, ms: number, zone: string): unknown {
  if (sample && typeof sample === "object") return dateTimeTimeZone(ms, zone);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function occurrenceId(masterId: string, date: string): string {
  return `AAMk${toBase64Url(Buffer.from(`OCC|${masterId}|${date}`, "utf8"))}`;
}

function parseOccurrenceId(id: string): { masterId: string; date: string } | undefined {
  if (!id.startsWith("AAMk")) return undefined;
  const text = fromBase64Url(id.slice(4)).toString("utf8");
  const m = /^OCC\|(.*)\|(\d{4}-\d\d-\d\d)$/s.exec(text);
  return m ? { masterId: m[1] ?? "", date: m[2] ?? "" } : undefined;
}

export function occurrenceOf(node: EntityNode): OccurrenceRef | undefined {
  return node.hidden.occurrenceOf as OccurrenceRef | undefined;
}

const dateOnly = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Dates (yyyy-mm-dd, in the series' zone) of a series up to `until` (ms of a wall date). */
function seriesDates(master: Record<string, unknown>, untilWall: number): string[] {
  const rec = master.Recurrence as
    { Pattern?: Record<string, unknown>; Range?: Record<string, unknown> } | null | undefined;
  const pattern = rec?.Pattern ?? {};
  const range = rec?.Range ?? {};
  const zone = startZone(master);
  const startWall = Date.parse(`${dateTimeTimeZone(eventStart(master), zone).DateTime.slice(0, 10)}T00:00:00Z`);
  const rangeStart =
    typeof range.StartDate === "string" ? Date.parse(`${range.StartDate.slice(0, 10)}T00:00:00Z`) : startWall;
  const rangeEnd =
    range.Type === "EndDate" && typeof range.EndDate === "string"
      ? Date.parse(`${range.EndDate.slice(0, 10)}T00:00:00Z`)
      : Infinity;
  const count =
    range.Type === "Numbered" && typeof range.NumberOfOccurrences === "number" ? range.NumberOfOccurrences : Infinity;
  const interval = typeof pattern.Interval === "number" && pattern.Interval > 0 ? pattern.Interval : 1;
  const days = Array.isArray(pattern.DaysOfWeek)
    ? pattern.DaysOfWeek.map((d) => WEEKDAYS.indexOf(String(d).toLowerCase()))
    : [];
  const firstDay = WEEKDAYS.indexOf(String(pattern.FirstDayOfWeek ?? "Sunday").toLowerCase());
  const origin = new Date(rangeStart);
  const dayOfMonth = typeof pattern.DayOfMonth === "number" ? pattern.DayOfMonth : origin.getUTCDate();
  const month = typeof pattern.Month === "number" ? pattern.Month : origin.getUTCMonth() + 1;
  const index = INDEX.indexOf(String(pattern.Index ?? "First").toLowerCase());
  const weekStart = (ms: number): number =>
    ms - ((((new Date(ms).getUTCDay() - Math.max(firstDay, 0)) % 7) + 7) % 7) * DAY;
  const relative = (d: Date): boolean => {
    if (!days.includes(d.getUTCDay())) return false;
    const nth = Math.floor((d.getUTCDate() - 1) / 7);
    if (index === 4)
      return d.getUTCDate() + 7 > new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    return nth === Math.max(index, 0);
  };
  const out: string[] = [];
  const limit = Math.min(untilWall, rangeEnd + 1, rangeStart + 20 * 366 * DAY);
  for (let ms = rangeStart; ms <= limit && out.length < count; ms += DAY) {
    const d = new Date(ms);
    const months = (d.getUTCFullYear() - origin.getUTCFullYear()) * 12 + d.getUTCMonth() - origin.getUTCMonth();
    let hit: boolean;
    switch (String(pattern.Type ?? "Daily").toLowerCase()) {
      case "daily":
        hit = Math.round((ms - rangeStart) / DAY) % interval === 0;
        break;
      case "weekly":
        hit =
          days.includes(d.getUTCDay()) &&
          Math.round((weekStart(ms) - weekStart(rangeStart)) / (7 * DAY)) % interval === 0;
        break;
      case "absolutemonthly":
        hit = d.getUTCDate() === dayOfMonth && months % interval === 0;
        break;
      case "relativemonthly":
        hit = relative(d) && months % interval === 0;
        break;
      case "absoluteyearly":
        hit =
          d.getUTCMonth() + 1 === month &&
          d.getUTCDate() === dayOfMonth &&
          (d.getUTCFullYear() - origin.getUTCFullYear()) % interval === 0;
        break;
      case "relativeyearly":
        hit =
          d.getUTCMonth() + 1 === month &&
          relative(d) &&
          (d.getUTCFullYear() - origin.getUTCFullYear()) % interval === 0;
        break;
      default:
        hit = false;
    }
    if (hit) out.push(dateOnly(ms));
  }
  return out;
}

/** The occurrence (or exception) of a series on a date, as a transient node. */
function occurrence(mb: Mailbox, master: EntityNode, date: string): EntityNode {
  const m = snapshot(mb, master);
  const zone = startZone(m);
  const start = eventStart(m);
  const duration = eventEnd(m) - start;
  const timeOfDay = dateTimeTimeZone(start, zone).DateTime.slice(10);
  const occStart = instantOf(`${date}${timeOfDay}`, zone);
  const exceptions =
    (master.hidden.exceptions as Map<string, Record<string, unknown>> | undefined) ??
    new Map<string, Record<string, unknown>>();
  const override = exceptions.get(date);
  const data: Record<string, unknown> = {
    ...structuredClone(master.data),
    Id: occurrenceId(master.id, date),
    Type: override ? "Exception" : "Occurrence",
    SeriesMasterId: master.id,
    Recurrence: null,
    Start: timeValue(master.data.Start, occStart, zone),
    End: timeValue(master.data.End, occStart + duration, zone),
  };
  if (mb.service.hasProperty(master.type, "OriginalStart"))
    data.OriginalStart = new Date(occStart).toISOString().replace(/\.\d{3}Z$/, "Z");
  Object.assign(data, override ?? {});
  const node = new EntityNode(master.type, data);
  node.virtual = true;
  node.parent = master.parent;
  node.parentNav = master.parentNav;
  node.hidden.occurrenceOf = { master, date } satisfies OccurrenceRef;
  return node;
}

function cancelled(master: EntityNode): Set<string> {
  let set = master.hidden.cancelled as Set<string> | undefined;
  if (!set) {
    set = new Set();
    master.hidden.cancelled = set;
  }
  return set;
}

/** Occurrences of a series master overlapping [from, to). */
export function occurrencesIn(mb: Mailbox, master: EntityNode, from: number, to: number): EntityNode[] {
  const skip = cancelled(master);
  const untilWall = to + 2 * DAY;
  return seriesDates(master.data, untilWall)
    .filter((d) => !skip.has(d))
    .map((d) => occurrence(mb, master, d))
    .filter((o) => overlaps(o.data, from, to));
}

function overlaps(e: Record<string, unknown>, from: number, to: number): boolean {
  const s = eventStart(e);
  const end = eventEnd(e);
  if (Number.isNaN(s)) return false;
  return end > s ? s < to && end > from : s >= from && s < to;
}

/** Reads the required `startDateTime`/`endDateTime` query parameters (names in any case). */
export function windowOf(query: ReadonlyMap<string, string>): { from: number; to: number } {
  const get = (name: string): string | undefined => {
    for (const [k, v] of query) if (k.toLowerCase() === name) return v;
    return undefined;
  };
  const start = get("startdatetime");
  const end = get("enddatetime");
  if (start === undefined || end === undefined) {
    throw badRequest(
      "ErrorInvalidParameter",
      "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
    );
  }
  const from = toInstant(start, "UTC");
  const to = toInstant(end, "UTC");
  if (Number.isNaN(from) || Number.isNaN(to))
    throw badRequest("ErrorInvalidParameter", "StartDateTime and EndDateTime must be ISO 8601 date-times.");
  return { from, to };
}

/** The calendar view: single instances, occurrences and exceptions overlapping the window, by start. */
export function calendarView(mb: Mailbox, events: readonly EntityNode[], from: number, to: number): EntityNode[] {
  const out: EntityNode[] = [];
  for (const e of events) {
    if (e.data.Type === "SeriesMaster" && e.data.Recurrence) out.push(...occurrencesIn(mb, e, from, to));
    else if (overlaps(e.data, from, to)) out.push(e);
  }
  return out.sort((a, b) => eventStart(a.data) - eventStart(b.data));
}

/** An event by id: stored, or an occurrence of a stored series. */
export function findEvent(
  mb: Mailbox,
  id: string,
  events: readonly EntityNode[] = mb.allEvents(),
): EntityNode | undefined {
  const stored = events.find((e) => e.id === id);
  if (stored) return stored;
  const ref = parseOccurrenceId(id);
  if (!ref) return undefined;
  const master = events.find((e) => e.id === ref.masterId && e.data.Recurrence);
  if (!master || cancelled(master).has(ref.date)) return undefined;
  const untilWall = Date.parse(`${ref.date}T00:00:00Z`) + DAY;
  if (!seriesDates(master.data, untilWall).includes(ref.date)) return undefined;
  return occurrence(mb, master, ref.date);
}

/** PATCH of an occurrence: the changes become an exception of the series. */
export function updateOccurrence(mb: Mailbox, node: EntityNode, body: unknown): EntityNode {
  const ref = occurrenceOf(node);
  if (!ref) throw notFound();
  const payload = readEntityPayload(mb.service, ref.master.type, body);
  let exceptions = ref.master.hidden.exceptions as Map<string, Record<string, unknown>> | undefined;
  if (!exceptions) {
    exceptions = new Map();
    ref.master.hidden.exceptions = exceptions;
  }
  const current = exceptions.get(ref.date) ?? {};
  exceptions.set(ref.date, { ...current, ...payload.props, ChangeKey: mb.store.ids.changeKey() });
  touch(mb, ref.master);
  mb.store.root.record(mb.store, "updated", ref.master);
  return occurrence(mb, ref.master, ref.date);
}

export function setOccurrenceProps(mb: Mailbox, node: EntityNode, props: Record<string, unknown>): void {
  const ref = occurrenceOf(node);
  if (!ref) {
    Object.assign(node.data, props);
    touch(mb, node);
    mb.store.root.record(mb.store, "updated", node);
    return;
  }
  let exceptions = ref.master.hidden.exceptions as Map<string, Record<string, unknown>> | undefined;
  if (!exceptions) {
    exceptions = new Map();
    ref.master.hidden.exceptions = exceptions;
  }
  exceptions.set(ref.date, { ...(exceptions.get(ref.date) ?? {}), ...props });
  touch(mb, ref.master);
  mb.store.root.record(mb.store, "updated", ref.master);
}

/** DELETE of an occurrence cancels it. */
export function deleteOccurrence(mb: Mailbox, node: EntityNode): void {
  const ref = occurrenceOf(node);
  if (!ref) throw notFound();
  cancelled(ref.master).add(ref.date);
  touch(mb, ref.master);
  mb.store.root.record(mb.store, "updated", ref.master);
}

/** ReminderView(StartDateTime, EndDateTime): reminders of the events in the window. */
export function reminderView(mb: Mailbox, from: number, to: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const e of calendarView(mb, mb.allEvents(), from, to)) {
    const d = e.data;
    if (d.IsReminderOn === false || d.IsCancelled === true) continue;
    const start = eventStart(d);
    const snoozed = (e.hidden.snoozedUntil ??
      occurrenceOf(e)?.master.hidden[`snoozed:${occurrenceOf(e)?.date ?? ""}`]) as number | undefined;
    const minutes = typeof d.ReminderMinutesBeforeStart === "number" ? d.ReminderMinutesBeforeStart : 15;
    const fire = snoozed ?? start - minutes * 60_000;
    out.push({
      EventId: e.id,
      EventStartTime: dateTimeTimeZone(start),
      EventEndTime: dateTimeTimeZone(eventEnd(d)),
      ChangeKey: d.ChangeKey ?? null,
      EventSubject: d.Subject ?? null,
      EventLocation: d.Location ?? null,
      EventWebLink: d.WebLink ?? null,
      ReminderFireTime: dateTimeTimeZone(fire),
    });
  }
  return out;
}

export function snoozeReminder(mb: Mailbox, event: EntityNode, newTime: unknown): void {
  const ms = toInstant(newTime);
  if (Number.isNaN(ms)) throw badRequest("ErrorInvalidRequest", "NewReminderTime must be a DateTimeTimeZone.");
  const ref = occurrenceOf(event);
  if (ref) ref.master.hidden[`snoozed:${ref.date}`] = ms;
  else event.hidden.snoozedUntil = ms;
  touch(mb, ref?.master ?? event);
  mb.store.root.record(mb.store, "updated", ref?.master ?? event);
}
