/** Dates as a UK regulator writes them: "23 November 2026". */
import type { Interval, IsoDate } from '../model/dates.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function longDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export function describeInForce(interval: Interval, words: { from: string; until: string }): string {
  const parts: string[] = [];
  if (interval.from) parts.push(`${words.from} ${longDate(interval.from)}`);
  if (interval.until) parts.push(`${words.until} ${longDate(interval.until)}`);
  return parts.join(' ') || '—';
}
