/**
 * Problems the pack finds in a consultation paper: a bad directive argument, a malformed consultation key, a `[[…]]`
 * that names nothing. Like check's diagnostics they are data with a location (file:line:col), never exceptions.
 */
import { LineIndex } from '../parse/lines.js';

export type PackDiagnosticCode = 'invalid-directive' | 'invalid-consultation' | 'unresolved-reference';

export interface PackDiagnostic {
  code: PackDiagnosticCode;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Collects diagnostics for one file, located by offset. */
export class PaperDiagnostics {
  readonly list: PackDiagnostic[] = [];
  private readonly index: LineIndex;
  constructor(
    readonly file: string,
    text: string,
  ) {
    this.index = new LineIndex(text);
  }
  add(code: PackDiagnosticCode, offset: number, message: string, severity: 'error' | 'warning' = 'error'): void {
    const { line, column } = this.index.locate(Math.max(0, offset));
    this.list.push({ code, severity, file: this.file, line, column, message });
  }
}

export function formatPackDiagnostic(d: PackDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.code}  ${d.message}`;
}
