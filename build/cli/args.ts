/** Shared argument handling: parseArgs with errors turned into one-line usage messages. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseIsoDate, type IsoDate } from '../model/dates.js';
import { didYouMean } from '../model/suggest.js';

export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify.*$/s, '.');
    // node names the option it does not know as '--as_at'; the nearest known one is the likely meaning.
    const unknown = /^Unknown option '(--[^']+)'/.exec(message)?.[1];
    const hint = unknown ? didYouMean(unknown.replace(/=.*$/, ''), Object.keys(options).map((name) => `--${name}`)) : '';
    throw new UsageError(hint ? `${message.replace(/\.$/, '')}${hint}` : message);
  }
}

export function dateOption(value: string | undefined, name: string): IsoDate | undefined {
  if (value === undefined) return undefined;
  const date = parseIsoDate(value);
  if (!date) throw new UsageError(`--${name} ${value}: expected a real date as YYYY-MM-DD`);
  return date;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} ${value}: expected one of ${allowed.join(', ')}`);
  return value as T;
}

/** Today in the UK, where the code applies. Only the CLI reads the clock. */
export function today(): IsoDate {
  const fixed = process.env.REGMARK_TODAY;
  if (fixed) {
    const date = parseIsoDate(fixed);
    if (!date) throw new UsageError(`REGMARK_TODAY=${fixed}: expected YYYY-MM-DD`);
    return date;
  }
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()) as IsoDate;
}
