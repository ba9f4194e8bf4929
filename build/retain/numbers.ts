/** Clause numbers for retained copies: the sequence after a first number, the section a number sits in, file names. */
import { CLAUSE_NUMBER } from '../model/ids.js';

/** Letters count like a spreadsheet column: p → q, z → aa, Z → AA. */
function nextLetters(letters: string): string {
  const upper = letters === letters.toUpperCase();
  const base = upper ? 65 : 97;
  const codes = [...letters].map((c) => c.charCodeAt(0) - base);
  let i = codes.length - 1;
  while (i >= 0 && codes[i] === 25) codes[i--] = 0;
  if (i < 0) codes.unshift(0);
  else codes[i]!++;
  return String.fromCharCode(...codes.map((c) => c + base));
}

/** The number after `number` at its own level: 2B.1.1 → 2B.1.2, 3.14E → 3.14F, 18.17p → 18.17q. */
export function nextNumber(number: string): string {
  const parts = number.split('.');
  const last = parts.pop()!;
  const m = /^(\d+)([A-Za-z]*)$/.exec(last);
  if (!m) throw new Error(`not a clause number: ${number}`);
  const next = m[2] ? m[1] + nextLetters(m[2]) : String(Number(m[1]) + 1);
  return [...parts, next].join('.');
}

export function numberSequence(first: string, count: number): string[] {
  const out = [first];
  while (out.length < count) out.push(nextNumber(out[out.length - 1]!));
  return out;
}

export function isClauseNumber(text: string): boolean {
  return CLAUSE_NUMBER.test(text);
}

/** The section a clause number belongs to: its first component (`2B.1.1` → `2B`, `18.17p` → `18`). */
export function sectionOf(number: string): string {
  return number.split('.')[0]!;
}

/** `clauses/<DOC>/<NN>-<slug>.md` as the example corpus names them: `2B` → `02b-…`, `13` → `13-…`. */
export function sectionFileName(section: string, title: string): string {
  const m = /^(\d+)(.*)$/.exec(section)!;
  const nn = m[1]!.padStart(2, '0') + m[2]!.toLowerCase();
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // At most about 40 characters, cut between words, without a dangling "of" or "and".
  const words = slug.split('-');
  let short = '';
  for (const w of words) {
    if (short && short.length + 1 + w.length > 40) break;
    short = short ? `${short}-${w}` : w;
  }
  short = short.replace(/(?:-(?:a|an|and|of|or|the|to|for|in|on|by))+$/, '');
  return short ? `${nn}-${short}.md` : `${nn}.md`;
}
