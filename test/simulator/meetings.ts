/**
 * FindMeetingTimes (fact sheet §3.2; bound to User in beta): `POST /me/FindMeetingTimes` answers a
 * MeetingTimeCandidatesResult. The core routes answer 501 for it; `installMeetings(sim)` registers this route
 * ahead of them. A simple, deterministic version of the service's behaviour:
 *
 * - Candidates start at every half hour inside each TimeConstraint.Timeslots window (default: the next two days
 *   from the simulator clock, in UTC) and last MeetingDuration (ISO 8601, default PT30M); with ActivityDomain
 *   Work (the default) they must also lie within Monday–Friday 08:00–17:00 in the slot's time zone.
 * - Availability comes from the calendar views of the organizer and of each attendee that is a simulated user
 *   (ShowAs Busy, Oof, Tentative, WorkingElsewhere; cancelled events do not count); other attendees are Unknown.
 * - A candidate is offered when the organizer is Free (unless IsOrganizerOptional) and no attendee is Busy or Oof.
 *   Confidence = 100 × the mean of the attendees' scores (Free 1, Tentative and Unknown 0.5, WorkingElsewhere 1);
 *   100 when there are no attendees.
 * - At most MaxCandidates (default 10) in time order. Locations are the LocationConstraint's locations.
 *   SuggestionHint only with ReturnSuggestionHints. With no candidate, EmptySuggestionsHint says why
 *   (OrganizerUnavailable, AttendeesUnavailable or Unknown).
 * - Times come back as TimeStamp {Date, Time, TimeZone} in the Prefer outlook.timezone zone, else the slot's zone.
 */
import type { Operation } from "../../generator/model/types.js";
import { calendarView, eventEnd, eventStart } from "./calendar.js";
import type { RequestContext } from "./context.js";
import { badRequest, bodyError, ServiceError } from "./errors.js";
import { json, readJson, type SimResponse } from "./http.js";
import { NS } from "./model.js";
import { isPlainObject, readValue } from "./payload.js";
import type { OperationRes, Resource } from "./resolve.js";
import type { Route, Router } from "./routes.js";
import { contextUrl } from "./serialize.js";
import type { Mailbox } from "./store.js";
import { dateTimeTimeZone, ianaZone, instantOf } from "./time.js";

const MINUTE = 60_000;
const STEP = 30 * MINUTE;
const DEFAULT_MAX_CANDIDATES = 10;
const WORK_START_HOUR = 8;
const WORK_END_HOUR = 17;

type Availability = "Free" | "Tentative" | "Busy" | "Oof" | "WorkingElsewhere" | "Unknown";

interface EmailAddress {
  readonly Name?: string | null;
  readonly Address?: string | null;
}
interface Attendee {
  readonly EmailAddress?: EmailAddress | null;
  readonly Type?: string | null;
}
interface TimeStamp {
  readonly Date?: string | null;
  readonly Time?: string | null;
  readonly TimeZone?: string | null;
}
interface Slot {
  readonly from: number;
  readonly to: number;
  readonly zone: string;
}

/** The route; `installMeetings` registers it ahead of the core routes. */
export function findMeetingTimesRoute(): Route {
  return {
    name: "find-meeting-times",
    match: (_ctx, r: Resource) => r.kind === "operation" && r.op.name === "FindMeetingTimes",
    handle: (ctx, r) => findMeetingTimes(ctx, r as OperationRes),
  };
}

/** Adds FindMeetingTimes to a simulator (`installMeetings(sim)`; only `router` is used). */
export function installMeetings(sim: { readonly router: Router }): void {
  sim.router.use(findMeetingTimesRoute(), "first");
}

function readParams(ctx: RequestContext, op: Operation): Map<string, unknown> {
  const body = readJson(ctx.req);
  if (!isPlainObject(body)) throw bodyError("The body of an action must be a JSON object.");
  const out = new Map<string, unknown>();
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith("@")) continue;
    const p = op.parameters.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!p) throw bodyError(`The parameter '${name}' is not in scope: ${op.name} takes ${op.parameters.map((x) => x.name).join(", ")}.`);
    out.set(p.name, readValue(ctx.service, p.type, value, `${op.name}.${p.name}`));
  }
  return out;
}

/** ISO 8601 duration (days, hours, minutes, seconds) in ms. */
function durationMs(text: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return Number.NaN;
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * MINUTE + Number(m[4] ?? 0) * 1000;
}

function timeStampInstant(t: TimeStamp | null | undefined, where: string): { ms: number; zone: string } {
  const zone = t?.TimeZone || "UTC";
  if (!ianaZone(zone)) throw badRequest("ErrorInvalidParameter", `${where}: unknown time zone '${zone}'.`);
  const date = t?.Date ?? "";
  const time = t?.Time ?? "00:00:00";
  const ms = /^\d{4}-\d\d-\d\d$/.test(date) ? instantOf(`${date}T${time}`, zone) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest("ErrorInvalidParameter", `${where} needs a Date (yyyy-mm-dd) and a Time.`);
  return { ms, zone };
}

function timeStamp(ms: number, zone: string): TimeStamp {
  const local = dateTimeTimeZone(ms, zone).DateTime; // 2016-07-05T09:00:00.0000000
  return { Date: local.slice(0, 10), Time: local.slice(11), TimeZone: zone };
}

/** The wall-clock hour, minute and weekday of an instant in a zone. */
function wall(ms: number, zone: string): { minutes: number; weekday: number } {
  const local = dateTimeTimeZone(ms, zone).DateTime;
  const d = new Date(`${local.slice(0, 19)}Z`);
  return { minutes: d.getUTCHours() * 60 + d.getUTCMinutes(), weekday: d.getUTCDay() };
}

function withinWorkHours(from: number, to: number, zone: string): boolean {
  const a = wall(from, zone);
  const b = wall(to - 1, zone);
  const work = (w: { minutes: number; weekday: number }): boolean =>
    w.weekday >= 1 && w.weekday <= 5 && w.minutes >= WORK_START_HOUR * 60 && w.minutes < WORK_END_HOUR * 60;
  return work(a) && work(b) && to - from <= (WORK_END_HOUR - WORK_START_HOUR) * 60 * MINUTE;
}

/** The availability of a mailbox's owner over [from, to): the most restrictive ShowAs of overlapping events. */
function availability(mb: Mailbox, from: number, to: number): Availability {
  const rank: Record<Availability, number> = { Free: 0, WorkingElsewhere: 1, Unknown: 1, Tentative: 2, Busy: 3, Oof: 4 };
  let worst: Availability = "Free";
  for (const e of calendarView(mb, mb.allEvents(), from, to)) {
    const d = e.data;
    if (d.IsCancelled === true) continue;
    if (!(eventStart(d) < to && eventEnd(d) > from)) continue;
    const show = typeof d.ShowAs === "string" ? (d.ShowAs as Availability) : "Busy";
    if (show in rank && rank[show] > rank[worst]) worst = show;
  }
  return worst;
}

const SCORE: Record<Availability, number> = {
  Free: 1,
  WorkingElsewhere: 1,
  Tentative: 0.5,
  Unknown: 0.5,
  Busy: 0,
  Oof: 0,
};

function findMeetingTimes(ctx: RequestContext, res: OperationRes): SimResponse {
  if (ctx.method !== "POST") throw new ServiceError(405, "ErrorInvalidRequest", "FindMeetingTimes is an action: use POST.");
  const organizer = res.mailbox;
  if (res.binding.kind !== "entity" || !organizer || res.binding.node !== organizer.node) {
    throw badRequest("ErrorInvalidRequest", "FindMeetingTimes is bound to a user.");
  }
  const params = readParams(ctx, res.op);
  const attendees = ((params.get("Attendees") as Attendee[] | null) ?? []).map((a, i) => {
    const address = a.EmailAddress?.Address;
    if (!address) throw badRequest("ErrorInvalidParameter", `Attendees[${i}] needs EmailAddress.Address.`);
    return { attendee: a, address, mailbox: ctx.vstore.mailbox(address) };
  });
  const durationText = (params.get("MeetingDuration") as string | null) ?? "PT30M";
  const duration = durationMs(durationText);
  if (!(duration > 0)) throw badRequest("ErrorInvalidParameter", `MeetingDuration '${durationText}' is not a positive ISO 8601 duration.`);
  const max = (params.get("MaxCandidates") as number | null) ?? DEFAULT_MAX_CANDIDATES;
  if (max < 1) throw badRequest("ErrorInvalidParameter", "MaxCandidates must be at least 1.");
  const organizerOptional = params.get("IsOrganizerOptional") === true;
  const hints = params.get("ReturnSuggestionHints") === true;
  const constraint = params.get("TimeConstraint") as { ActivityDomain?: string | null; Timeslots?: { Start?: TimeStamp; End?: TimeStamp }[] } | null;
  const workOnly = (constraint?.ActivityDomain ?? "Work") === "Work";
  const now = ctx.store.now().getTime();
  const slots: Slot[] = (constraint?.Timeslots ?? []).map((s, i) => {
    const start = timeStampInstant(s.Start, `TimeConstraint.Timeslots[${i}].Start`);
    const end = timeStampInstant(s.End, `TimeConstraint.Timeslots[${i}].End`);
    if (end.ms <= start.ms) throw badRequest("ErrorInvalidParameter", `TimeConstraint.Timeslots[${i}] ends before it starts.`);
    return { from: start.ms, to: end.ms, zone: start.zone };
  });
  if (slots.length === 0) slots.push({ from: Math.ceil(now / STEP) * STEP, to: Math.ceil(now / STEP) * STEP + 2 * 86_400_000, zone: "UTC" });
  const location = params.get("LocationConstraint") as { Locations?: Record<string, unknown>[] } | null;
  const locations = (location?.Locations ?? []).map((l) => {
    const { ResolveAvailability: _ignored, ...rest } = l;
    return rest;
  });
  const outZone = ctx.presentation.timeZone;

  const candidates: Record<string, unknown>[] = [];
  let organizerEverFree = false;
  let sawWindow = false;
  for (const slot of slots) {
    for (let from = Math.ceil(slot.from / STEP) * STEP; from + duration <= slot.to; from += STEP) {
      const to = from + duration;
      if (workOnly && !withinWorkHours(from, to, slot.zone)) continue;
      sawWindow = true;
      const own = availability(organizer, from, to);
      if (own === "Free") organizerEverFree = true;
      if (own !== "Free" && !organizerOptional) continue;
      const each = attendees.map((a) => ({
        a,
        availability: a.mailbox ? availability(a.mailbox, from, to) : ("Unknown" as Availability),
      }));
      if (each.some((x) => x.availability === "Busy" || x.availability === "Oof")) continue;
      const confidence =
        each.length === 0 ? 100 : Math.round((10_000 * each.reduce((n, x) => n + SCORE[x.availability], 0)) / each.length) / 100;
      const zone = outZone ?? slot.zone;
      const candidate: Record<string, unknown> = {
        MeetingTimeSlot: { Start: timeStamp(from, zone), End: timeStamp(to, zone) },
        Confidence: confidence,
        OrganizerAvailability: own,
        AttendeeAvailability: each.map((x) => ({
          Attendee: { EmailAddress: x.a.attendee.EmailAddress ?? null, Type: x.a.attendee.Type ?? "Required" },
          Availability: x.availability,
        })),
        Locations: locations,
      };
      if (hints) {
        const unknown = each.filter((x) => x.availability === "Unknown").length;
        candidate.SuggestionHint =
          confidence === 100
            ? "Suggested because it is free for all attendees."
            : `Suggested because the organizer is ${own === "Free" ? "free" : "optional"}; ${unknown} attendee(s) of unknown availability.`;
      }
      candidates.push(candidate);
      if (candidates.length >= max) break;
    }
    if (candidates.length >= max) break;
  }
  return json(200, {
    "@odata.context": contextUrl(ctx.presentation, `${NS}.MeetingTimeCandidatesResult`),
    MeetingTimeSlots: candidates,
    EmptySuggestionsHint:
      candidates.length > 0
        ? null
        : !sawWindow
          ? "Unknown"
          : !organizerEverFree && !organizerOptional
            ? "OrganizerUnavailable"
            : "AttendeesUnavailable",
  });
}
