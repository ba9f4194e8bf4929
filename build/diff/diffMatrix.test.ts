import { describe, expect, it } from 'vitest';
import type { OffsetDiagnostic } from '../model/corpus.js';
import { parseMatrix } from '../parse/matrix.js';
import { diffMatrix } from './diffMatrix.js';

const read = (csv: string) => {
  const diagnostics: OffsetDiagnostic[] = [];
  const m = parseMatrix(csv, 'DV', 'clauses/DV/annex-b.csv', diagnostics);
  expect(diagnostics).toEqual([]);
  return m!;
};

describe('diffMatrix', () => {
  it('aligns rows by device model whatever their case, and columns by name', () => {
    const base = read('Manufacturer,Device Type,Model,Firmware,Variations,Notes\nAcme,ESME,A1,1,1.1,old note\nBeta,GSME,B1,2,1.2,\n');
    const next = read('Manufacturer,Device Type,Model,Firmware,Variations,Region\nBETA,gsme,B1,2,1.2,North\nAcme,ESME,A1,1,1.1; 1.3,South\n');
    const t = diffMatrix(base, next);
    expect(t.annex).toBe('B');
    expect(t.columns).toEqual([{ name: 'Manufacturer' }, { name: 'Device Type' }, { name: 'Model' }, { name: 'Firmware' }, { name: 'Variations' }, { name: 'Region', change: 'inserted' }, { name: 'Notes', change: 'deleted' }]);
    expect(t.rows.map((r) => [r.device, r.change ?? 'same'])).toEqual([
      ['BETA gsme B1 2', 'changed'],
      ['Acme ESME A1 1', 'changed'],
    ]);
    // Case alone changed the identity cells of Beta: shown as changed cells, the added and dropped columns not.
    expect(t.changes!.map((c) => `${c.kind}:${c.column ?? ''}:${c.before ?? ''}→${c.after ?? ''}`)).toEqual([
      'column inserted:Region:→',
      'column deleted:Notes:→',
      'cell changed:Manufacturer:Beta→BETA',
      'cell changed:Device Type:GSME→gsme',
      'cell changed:Variations:1.1→1.1; 1.3',
    ]);
  });

  it('a matrix new in this version is wholly inserted; an unchanged one lists no changes', () => {
    const m = read('Manufacturer,Device Type,Model,Firmware,Variations\nAcme,ESME,A1,1,1.1\n');
    expect(diffMatrix(undefined, m).rows.map((r) => r.change)).toEqual(['inserted']);
    expect(diffMatrix(m, m).changes).toEqual([]);
    expect(diffMatrix(m, undefined).rows.map((r) => r.change)).toEqual(['deleted']);
  });
});
