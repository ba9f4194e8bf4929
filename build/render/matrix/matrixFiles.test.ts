/**
 * Device matrix outputs through the real CLI, read back by programs that are not ours: LibreOffice Calc converts each
 * workbook sheet to CSV; Python's zipfile and ElementTree read the package parts (frozen pane, filter, fills, core
 * dates, entry times); pandoc reads the annex DOCX with its tracked changes; pdftotext reads the annex PDF.
 * Needs soffice (with Calc), python3, pandoc and poppler-utils.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../test/cliHarness.js';
import { cleanRoots, versionManifest, writeRoot } from '../../test/ruleTester.js';

const EPOCH = '1760659200'; // 2025-10-17T00:00:00Z
const VALIDATOR = join(import.meta.dirname, '../../../node_modules/.bin/ooxml-validator');
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `regmark-${prefix}-`));
const made: string[] = [];

const clauses = '## 4 Device Variations\n\n**4.1** The variations below apply only to the device models Annex A lists.\n\n**4.2** {kind=variation} A meter answers late.\n\n**4.3** {kind=variation} A meter drops a log entry.\n\n**4.4** {kind=variation} A meter shows the wrong unit.\n';
const OLD = 'Maker,Device Type,Model,Firmware,Variations\nNorthwind,ESME,NW-1,1.0,4.2\nSouthbay,GSME,"SB 9, rev C",2.1,4.3\nWestlake,ESME,WL5,0.9,4.2; 4.3\n';
const NEW = 'Manufacturer,Device Type,Model,Firmware,Variations\nNorthwind,ESME,NW-1,1.0,4.2; 4.4\nSouthbay,GSME,"SB 9, rev C",2.1,4.3\nEastfield,ESME,EF-2,3.3,4.4\n';

function files(): Record<string, string> {
  return {
    'documents/DV.md': versionManifest('DV', { version: '2.0', status: 'consultation', from: '2020-01-01', effective: '2025-12-01', previous: 'old' }),
    'clauses/DV/04-variations.md': clauses,
    'clauses/DV/annex-a.csv': NEW.replace('Maker', 'Manufacturer'),
    'old/documents/DV.md': versionManifest('DV', { version: '1.0', from: '2020-01-01' }),
    'old/clauses/DV/04-variations.md': clauses,
    'old/clauses/DV/annex-a.csv': OLD.replace('Maker', 'Manufacturer'),
  };
}

/** Every sheet of a workbook as CSV rows, as LibreOffice Calc reads it. */
function calcSheets(xlsx: string): Record<string, string[]> {
  const out = temp('calc');
  made.push(out);
  const profile = temp('profile');
  made.push(profile);
  // Filter options: comma, double quote, UTF-8, from row 1, …, and -1 = one file per sheet.
  spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, xlsx], { stdio: 'ignore', timeout: 240_000 });
  const sheets: Record<string, string[]> = {};
  for (const name of readdirSync(out)) sheets[name.replace(/^.*-([^-]+)\.csv$/, '$1')] = readFileSync(join(out, name), 'utf8').trimEnd().split('\n');
  return sheets;
}

/** The package read by Python: each sheet's cells (shared strings resolved, with their fill colour), views, filter, core dates, entry times. */
const READER = String.raw`
import json, sys, zipfile, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
shared = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
styles = ET.fromstring(z.read('xl/styles.xml'))
fills = []
for f in styles.find('m:fills', ns).findall('m:fill', ns):
    fg = f.find('m:patternFill/m:fgColor', ns)
    fills.append(fg.get('rgb') if fg is not None else None)
xfs = [int(x.get('fillId', '0')) for x in styles.find('m:cellXfs', ns).findall('m:xf', ns)]
book = ET.fromstring(z.read('xl/workbook.xml'))
rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
targets = {r.get('Id'): r.get('Target') for r in rels}
sheets = {}
for s in book.find('m:sheets', ns):
    rid = s.get('{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id')
    x = ET.fromstring(z.read('xl/' + targets[rid].lstrip('/').replace('xl/', '')))
    rows = []
    for r in x.find('m:sheetData', ns):
        row = []
        for c in r:
            v = c.find('m:v', ns)
            is_ = c.find('m:is', ns)
            text = shared[int(v.text)] if c.get('t') == 's' and v is not None else (''.join(t.text or '' for t in is_.iter('{%s}t' % ns['m'])) if is_ is not None else (v.text if v is not None else ''))
            row.append({'ref': c.get('r'), 'text': text, 'fill': fills[xfs[int(c.get('s', '0'))]]})
        rows.append(row)
    pane = x.find('m:sheetViews/m:sheetView/m:pane', ns)
    af = x.find('m:autoFilter', ns)
    sheets[s.get('name')] = {'rows': rows, 'pane': dict(pane.attrib) if pane is not None else None, 'filter': af.get('ref') if af is not None else None}
core = ET.fromstring(z.read('docProps/core.xml'))
dates = {e.tag.split('}')[1]: e.text for e in core if e.tag.endswith('created') or e.tag.endswith('modified')}
times = sorted({'%04d-%02d-%02dT%02d:%02d:%02d' % i.date_time for i in z.infolist()})
print(json.dumps({'sheets': sheets, 'core': dates, 'times': times}))
`;

interface Cell {
  ref: string;
  text: string;
  fill: string | null;
}
interface Package {
  sheets: Record<string, { rows: Cell[][]; pane: Record<string, string> | null; filter: string | null }>;
  core: Record<string, string>;
  times: string[];
}
const python = (xlsx: string): Package => JSON.parse(execFileSync('python3', ['-c', READER, xlsx], { encoding: 'utf8' })) as Package;
const texts = (rows: Cell[][]) => rows.map((r) => r.map((c) => c.text).join('|'));

describe('device matrix outputs', () => {
  let root: string;
  let previousEpoch: string | undefined;
  beforeAll(async () => {
    previousEpoch = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = EPOCH;
    root = await writeRoot(files());
  });
  afterAll(async () => {
    if (previousEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = previousEpoch;
    for (const d of made) rmSync(d, { recursive: true, force: true });
    await cleanRoots();
  });

  it('builds a workbook with a header row, frozen panes and a filter, byte-identical twice, and annex pages', async () => {
    const [a, b] = [temp('build-a'), temp('build-b')];
    made.push(a, b);
    for (const out of [a, b]) {
      const r = await run(['build', 'DV', '--root', root, '--out', out, '--as-at', '2025-12-15']);
      expect(r.code, r.err + r.out).toBe(0);
    }
    expect(readdirSync(a).sort()).toEqual(['DV-annex-A.docx', 'DV-annex-A.pdf', 'DV-annex-A.xlsx', 'DV.docx', 'DV.pdf']);
    for (const name of ['DV-annex-A.xlsx', 'DV-annex-A.docx', 'DV-annex-A.pdf']) expect(Buffer.compare(readFileSync(join(a, name)), readFileSync(join(b, name))), name).toBe(0);

    const xlsx = join(a, 'DV-annex-A.xlsx');
    const calc = calcSheets(xlsx);
    expect(Object.keys(calc)).toEqual(['Annex A']);
    expect(calc['Annex A']).toEqual(['Manufacturer,Device Type,Model,Firmware,Variations', 'Northwind,ESME,NW-1,1.0,4.2; 4.4', 'Southbay,GSME,"SB 9, rev C",2.1,4.3', 'Eastfield,ESME,EF-2,3.3,4.4']);

    const pkg = python(xlsx);
    const sheet = pkg.sheets['Annex A']!;
    expect(texts(sheet.rows)).toEqual(['Manufacturer|Device Type|Model|Firmware|Variations', 'Northwind|ESME|NW-1|1.0|4.2; 4.4', 'Southbay|GSME|SB 9, rev C|2.1|4.3', 'Eastfield|ESME|EF-2|3.3|4.4']);
    expect(sheet.pane).toMatchObject({ ySplit: '1', topLeftCell: 'A2', state: 'frozen' });
    expect(sheet.filter).toBe('A1:E4');
    expect(pkg.core).toEqual({ created: '2025-10-17T00:00:00Z', modified: '2025-10-17T00:00:00Z' });
    expect(pkg.times).toEqual(['2025-10-17T00:00:00']);

    const pdf = execFileSync('pdftotext', ['-layout', join(a, 'DV-annex-A.pdf'), '-'], { encoding: 'utf8' });
    for (const cell of ['Annex A to SEC Appendix DV', 'Northwind', 'SB 9, rev C', 'EF-2', '4.2; 4.4']) expect(pdf).toContain(cell);
    const docx = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', join(a, 'DV-annex-A.docx')], { encoding: 'utf8' });
    for (const cell of ['Eastfield', 'SB 9, rev C', '3.3']) expect(docx).toContain(cell);
    // The Open XML SDK validates both packages against the schemas.
    for (const name of ['DV-annex-A.xlsx', 'DV-annex-A.docx']) {
      const check = spawnSync(VALIDATOR, [join(a, name)], { encoding: 'utf8' });
      expect(check.status, `${name}: ${check.stdout}${check.stderr}`).toBe(0);
    }

    // --format picks the outputs: the workbook alone, or the annex pages without it.
    const only = temp('only');
    made.push(only);
    expect((await run(['build', 'DV', '--root', root, '--out', join(only, 'x'), '--as-at', '2025-12-15', '--format', 'xlsx'])).code).toBe(0);
    expect(readdirSync(join(only, 'x'))).toEqual(['DV-annex-A.xlsx']);
    expect((await run(['build', 'DV', '--root', root, '--out', join(only, 'p'), '--as-at', '2025-12-15', '--format', 'pdf'])).code).toBe(0);
    expect(readdirSync(join(only, 'p')).sort()).toEqual(['DV-annex-A.pdf', 'DV.pdf']);
  }, 240_000);

  it('redlines the matrix: highlighted rows and cells, a Change column, a Changes sheet, tracked changes in the annex pages', async () => {
    const out = temp('redline');
    made.push(out);
    const r = await run(['redline', 'DV', '--root', root, '--out', out, '--as-at', '2025-12-15', '--author', 'Test Author', '--date', '2025-10-17']);
    expect(r.code, r.err + r.out).toBe(0);
    const stem = 'SEC Appendix DV v2.0 Annex A redline against v1.0';
    expect(readdirSync(out).filter((n) => n.includes('Annex A')).sort()).toEqual([`${stem}.docx`, `${stem}.pdf`, `${stem}.xlsx`]);

    const calc = calcSheets(join(out, `${stem}.xlsx`));
    expect(calc['Annex A']).toEqual([
      'Manufacturer,Device Type,Model,Firmware,Variations,Change',
      'Northwind,ESME,NW-1,1.0,4.2; 4.4,Changed',
      'Southbay,GSME,"SB 9, rev C",2.1,4.3,',
      'Westlake,ESME,WL5,0.9,4.2; 4.3,Deleted',
      'Eastfield,ESME,EF-2,3.3,4.4,Inserted',
    ]);
    expect(calc.Changes).toEqual([
      'Change,Device model,Column,Before,After,Cell',
      'Cell changed,Northwind ESME NW-1 1.0,Variations,4.2,4.2; 4.4,E2',
      'Row deleted,Westlake ESME WL5 0.9,,,,A4:F4',
      'Row inserted,Eastfield ESME EF-2 3.3,,,,A5:F5',
    ]);

    const pkg = python(join(out, `${stem}.xlsx`));
    const rows = pkg.sheets['Annex A']!.rows;
    const fill = (ref: string) => rows.flat().find((c) => c.ref === ref)?.fill;
    expect(fill('E2')).toBe('FFFFEB9C');
    expect(fill('D2')).toBeNull();
    expect(['A4', 'E4'].map(fill)).toEqual(['FFFFC7CE', 'FFFFC7CE']);
    expect(['A5', 'E5'].map(fill)).toEqual(['FFC6EFCE', 'FFC6EFCE']);
    expect(fill('A3')).toBeNull();
    expect(pkg.sheets.Changes!.pane).toMatchObject({ ySplit: '1', state: 'frozen' });
    expect(pkg.sheets['Annex A']!.filter).toBe('A1:F5');

    const docx = join(out, `${stem}.docx`);
    for (const file of [docx, join(out, `${stem}.xlsx`)]) {
      const check = spawnSync(VALIDATOR, [file], { encoding: 'utf8' });
      expect(check.status, `${file}: ${check.stdout}${check.stderr}`).toBe(0);
    }
    const accepted = execFileSync('pandoc', ['--track-changes=accept', '-f', 'docx', '-t', 'plain', '--wrap=none', docx], { encoding: 'utf8' });
    const rejected = execFileSync('pandoc', ['--track-changes=reject', '-f', 'docx', '-t', 'plain', '--wrap=none', docx], { encoding: 'utf8' });
    expect(accepted).toContain('EF-2');
    expect(accepted).not.toContain('WL5');
    expect(accepted).toContain('4.2; 4.4');
    expect(rejected).toContain('WL5');
    expect(rejected).not.toContain('EF-2');
    expect(rejected).not.toContain('4.2; 4.4');
    const all = execFileSync('pandoc', ['--track-changes=all', '-f', 'docx', '-t', 'markdown', '--wrap=none', docx], { encoding: 'utf8' });
    expect(all).toMatch(/\[4\.2\]\{\.deletion[^}]*author="Test Author"/);
    expect(all).toMatch(/\[4\.2; 4\.4\]\{\.insertion/);

    const pdf = execFileSync('pdftotext', ['-layout', join(out, `${stem}.pdf`), '-'], { encoding: 'utf8' });
    expect(pdf).toContain('Annex A: 1 device model added, 1 device model removed, 1 cell changed.');
    // The cover counts the device models whose rows the pages mark.
    expect(pdf.replace(/\s+/g, ' ')).toContain('3 changes: 3 device models (1 inserted, 1 deleted, 1 changed).');
    for (const cell of ['WL5', 'EF-2', '4.2; 4.4']) expect(pdf).toContain(cell);
  }, 240_000);
});
