/**
 * Date and time helpers: ISO timestamps as the service writes them, and DateTimeTimeZone values
 * ({DateTime, TimeZone} with Windows or IANA zone names) converted to and from instants.
 */

/** `2016-07-18T10:11:12Z` (seconds precision, as Outlook writes DateTimeOffset values). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `2016-07-18T10:11:12.0000000` (the DateTime member of a DateTimeTimeZone). */
export function localDateTimeText(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, ".0000000");
}

const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  utc: "UTC",
  "coordinated universal time": "UTC",
  "gmt standard time": "Europe/London",
  "greenwich standard time": "Atlantic/Reykjavik",
  "w. europe standard time": "Europe/Berlin",
  "central europe standard time": "Europe/Budapest",
  "romance standard time": "Europe/Paris",
  "e. europe standard time": "Europe/Chisinau",
  "fle standard time": "Europe/Kiev",
  "russian standard time": "Europe/Moscow",
  "pacific standard time": "America/Los_Angeles",
  "mountain standard time": "America/Denver",
  "us mountain standard time": "America/Phoenix",
  "central standard time": "America/Chicago",
  "eastern standard time": "America/New_York",
  "atlantic standard time": "America/Halifax",
  "alaskan standard time": "America/Anchorage",
  "hawaiian standard time": "Pacific/Honolulu",
  "e. south america standard time": "America/Sao_Paulo",
  "india standard time": "Asia/Kolkata",
  "china standard time": "Asia/Shanghai",
  "tokyo standard time": "Asia/Tokyo",
  "korea standard time": "Asia/Seoul",
  "singapore standard time": "Asia/Singapore",
  "aus eastern standard time": "Australia/Sydney",
  "new zealand standard time": "Pacific/Auckland",
};

/** An IANA zone for a Windows or IANA name; undefined when unknown. */
export function ianaZone(name: string | undefined | null): string | undefined {
  if (!name) return "UTC";
  const mapped = WINDOWS_ZONES[name.toLowerCase()];
  if (mapped) return mapped;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

/** Offset (ms) of the zone at the given instant: local wall time − UTC. */
function zoneOffset(zone: string, ms: number): number {
  if (zone === "UTC") return 0;
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const local = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return local - Math.floor(ms / 1000) * 1000;
}

/** Parses a wall-clock text (no offset) as UTC milliseconds of that wall time. */
function wallMs(text: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?/.exec(text);
  if (!m) return Number.NaN;
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  return (
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) +
    Math.round(frac)
  );
}

/** The instant of a wall-clock time in a zone (a text with an explicit offset wins). */
export function instantOf(dateTime: string, timeZone?: string | null): number {
  if (/(?:Z|[+-]\d\d:\d\d)$/i.test(dateTime)) return Date.parse(dateTime);
  const zone = ianaZone(timeZone) ?? "UTC";
  const wall = wallMs(dateTime);
  if (Number.isNaN(wall)) return Number.NaN;
  let guess = wall - zoneOffset(zone, wall);
  guess = wall - zoneOffset(zone, guess);
  return guess;
}

/** A DateTimeTimeZone value for an instant, in the given zone (UTC by default). */
export function dateTimeTimeZone(ms: number, timeZone = "UTC"): { DateTime: string; TimeZone: string } {
  const zone = ianaZone(timeZone) ?? "UTC";
  return { DateTime: localDateTimeText(ms + zoneOffset(zone, ms)), TimeZone: timeZone };
}

/**
 * A DateTimeOffset, DateTimeTimeZone or date text as an instant; NaN when it is none of these.
 * `fallbackZone` applies to texts without an offset.
 */
export function toInstant(value: unknown, fallbackZone?: string | null): number {
  if (typeof value === "string") return instantOf(value, fallbackZone);
  if (value && typeof value === "object") {
    const v = value as { DateTime?: unknown; TimeZone?: unknown };
    if (typeof v.DateTime === "string")
      return instantOf(v.DateTime, typeof v.TimeZone === "string" ? v.TimeZone : fallbackZone);
  }
  return Number.NaN;
}
