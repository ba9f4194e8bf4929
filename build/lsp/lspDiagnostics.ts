/**
 * A check diagnostic as an editor shows it: a range over what it is about (the reference, the term, the number or
 * the word at its position), its severity, and its related locations. The workspace converts with the session's
 * text and term forms; at start-up, before the session has read the corpus, the check index's diagnostics are
 * converted with the files' text on disk alone.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import type { LineMap } from './positions.js';

// ’ is written as an escape: a bundle holding any character outside ASCII is read as two bytes a character (bundleCli.ts).
const WORD = /[\p{L}\p{N}_][\p{L}\p{N}_.'\u2019()-]*/uy;

export interface ConversionSource {
  /** A source's text and line map, as the diagnostics were found in it. */
  text(path: string): { text: string; lines: LineMap } | undefined;
  uriOf(path: string): string;
  /** The length of a known symbol (term use, reference, number) starting exactly at `start`, if the caller knows one. */
  symbolAt?(path: string, start: number): number | undefined;
  /** The forms in which a term may be written (the term itself when unknown). */
  formsOf?(term: string): string[];
}

/** How much of the text at a diagnostic's start to underline: the reference, term, number or word found there. */
export function spanLength(source: ConversionSource, path: string, text: string, start: number, message = ''): number {
  if (text.startsWith('[[', start)) {
    const close = text.indexOf(']]', start);
    const eol = text.indexOf('\n', start);
    if (close >= 0 && (eol < 0 || close < eol)) return close + 2 - start;
  }
  const known = source.symbolAt?.(path, start);
  if (known !== undefined) return known;
  // A term the message names ("uses \"Requesting Party\""), in whichever of its forms is written there.
  for (const m of message.matchAll(/"([^"]+)"/g)) {
    const form = (source.formsOf?.(m[1]!) ?? [m[1]!]).find((f) => text.startsWith(f, start));
    if (form) return form.length;
  }
  WORD.lastIndex = start;
  const m = WORD.exec(text);
  return m ? m[0].replace(/[.)]+$/, '').length || m[0].length : 0;
}

export function rangeAt(source: ConversionSource, path: string, line: number, column: number, message?: string): Range | undefined {
  const t = source.text(path);
  if (!t) return undefined;
  const start = t.lines.offsetOfLineColumn(line, column);
  return t.lines.range(start, start + spanLength(source, path, t.text, start, message));
}

/** The editor's diagnostic for `d`, shown at `path` (with `message`) when given, else where it was found. */
export function toLspDiagnostic(source: ConversionSource, d: Diagnostic, shown: { path: string; message: string; range?: Range }): LspDiagnostic | undefined {
  const range = shown.range ?? rangeAt(source, shown.path, d.line, d.column, d.message);
  if (!range) return undefined;
  let message = shown.message;
  if (d.date && !message.includes(d.date)) message += ` [${d.date}]`;
  if (d.accepted) message += ` — accepted until ${d.accepted.until}: ${d.accepted.reason}`;
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of [...(d.related ?? []), ...(d.cause ? [d.cause] : [])]) {
    if (r.ref !== undefined) continue;
    const at = rangeAt(source, r.file, r.line, r.column);
    if (at) related.push({ location: { uri: source.uriOf(r.file), range: at }, message: r.message ?? d.code });
  }
  return {
    range,
    severity: d.accepted ? DiagnosticSeverity.Information : d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'regmark',
    message,
    ...(related.length ? { relatedInformation: related } : {}),
    ...(d.date ? { data: { date: d.date } } : {}),
  };
}
