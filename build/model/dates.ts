/** A calendar day as `YYYY-MM-DD`. Lexical order equals calendar order, so plain string comparison is used throughout. */
export type IsoDate = string & { readonly __isoDate: unique symbol };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(text: string): IsoDate | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 2025-02-30 over into March; a round trip exposes impossible days.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return text as IsoDate;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10) as IsoDate;
}

/** Inclusive interval; a missing bound is open. */
export interface Interval {
  from?: IsoDate;
  until?: IsoDate;
}

export function contains(interval: Interval, day: IsoDate): boolean {
  return (interval.from === undefined || interval.from <= day) && (interval.until === undefined || day <= interval.until);
}

/** Intervals are never mutated: an open side returns the other interval itself, so equal windows share one object. */
export function intersect(a: Interval, b: Interval): Interval {
  if (b.from === undefined && b.until === undefined) return a;
  if (a.from === undefined && a.until === undefined) return b;
  const from = a.from === undefined ? b.from : b.from === undefined ? a.from : a.from > b.from ? a.from : b.from;
  const until = a.until === undefined ? b.until : b.until === undefined ? a.until : a.until < b.until ? a.until : b.until;
  return { ...(from ? { from } : {}), ...(until ? { until } : {}) };
}

export function isEmpty(interval: Interval): boolean {
  return interval.from !== undefined && interval.until !== undefined && interval.from > interval.until;
}

/** The days on which something enters force or leaves it: each `from`, and the day after each `until`. */
export function boundaryDays(interval: Interval): IsoDate[] {
  const days: IsoDate[] = [];
  if (interval.from) days.push(interval.from);
  if (interval.until) days.push(addDays(interval.until, 1));
  return days;
}

/** A clause's or definition's own `in-force-from` / `in-force-until` attributes (validated when parsed). */
export function ownInterval(attributes: Record<string, string>): Interval {
  const own: Interval = {};
  if (attributes['in-force-from']) own.from = attributes['in-force-from'] as IsoDate;
  if (attributes['in-force-until']) own.until = attributes['in-force-until'] as IsoDate;
  return own;
}
