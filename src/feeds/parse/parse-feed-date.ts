/**
 * Feed dates to ISO 8601 (UTC). Accepts RFC 822/2822 as feeds really write it (optional weekday,
 * two-digit years, named zones such as PST or EST, surrounding whitespace) and ISO 8601 / RFC 3339
 * (Atom, JSON Feed, dc:date). Anything else, including bare numbers (a Unix time or a year is
 * ambiguous), gives undefined: a bad date is unknown, never a reason to reject the feed.
 */
export function parseFeedDate(raw: string | undefined): string | undefined {
  const text = raw?.replace(/\s+/g, ' ').trim();
  if (!text || /^\d+$/.test(text)) return undefined;
  // A date in one of the two standard shapes is judged by that shape only: "31 Feb" is rejected,
  // not handed to Date.parse, which would roll it into March.
  let millis: number | undefined;
  if (ISO_8601.test(text)) millis = parseIso8601(text);
  else if (RFC_822.test(text)) millis = parseRfc822(text);
  else millis = parseOther(text);
  if (millis === undefined || Number.isNaN(millis)) return undefined;
  const year = new Date(millis).getUTCFullYear();
  return year >= 1970 && year <= 2100 ? new Date(millis).toISOString() : undefined;
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)? ?(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso8601(text: string): number | undefined {
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const millis = Math.round(Number(`0.${frac}`) * 1000);
  return utc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), millis, zoneOffsetMinutes(zone));
}

const RFC_822 =
  /^(?:[a-z]{2,9}\.?,? )?(\d{1,2})[ -]([a-z]{3,9})\.?[ -](\d{2}|\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?(?: ?([a-z]{1,5}|[+-]\d{2}:?\d{2}))?(?: \([^)]*\))?$/i;

function parseRfc822(text: string): number | undefined {
  const m = RFC_822.exec(text);
  if (!m) return undefined;
  const [, d, monthName, y, h = '0', mi = '0', s = '0', zone] = m;
  const month = MONTHS[(monthName ?? '').slice(0, 3).toLowerCase()];
  const offset = zoneOffsetMinutes(zone);
  if (month === undefined || offset === undefined) return undefined;
  return utc(fullYear(Number(y), y?.length ?? 4), month, Number(d), Number(h), Number(mi), Number(s), 0, offset);
}

/** Last resort for shapes like "Wed Jan 31 2018 07:26:05 GMT+0000": only when a month name is present. */
function parseOther(text: string): number | undefined {
  if (!/[a-z]{3}/i.test(text) || !Object.keys(MONTHS).some((m) => text.toLowerCase().includes(m))) return undefined;
  const millis = Date.parse(text);
  return Number.isNaN(millis) ? undefined : millis;
}

/** RFC 2822 section 4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx. */
function fullYear(year: number, digits: number): number {
  if (digits > 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin?: number): number | undefined {
  if (offsetMin === undefined || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const millis = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  // Reject 31 February and the like instead of letting Date roll it into March.
  if (new Date(millis).getUTCDate() !== d && h < 24) return undefined;
  return millis - offsetMin * 60_000;
}

/** Minutes east of UTC; undefined for a zone we do not know (the date is then rejected). */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const hours = ZONES[zone.toUpperCase()];
  return hours === undefined ? undefined : hours * 60;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** RFC 822 zone names plus the common ones feeds use anyway (hours east of UTC). */
const ZONES: Record<string, number> = {
  Z: 0, UT: 0, UTC: 0, GMT: 0, WET: 0,
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  AKST: -9, AKDT: -8, HST: -10,
  BST: 1, CET: 1, CEST: 2, MET: 1, MEST: 2, WEST: 1, EET: 2, EEST: 3, MSK: 3,
  JST: 9, KST: 9, AEST: 10, AEDT: 11, ACST: 9.5, AWST: 8, NZST: 12, NZDT: 13,
};
