import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../test/cliHarness.js';
import { readZip } from '../render/output/zip.js';
import { buildPack, type PackReport } from './buildPack.js';
import { rowMappings } from './retentionTable.js';

const REPO = join(import.meta.dirname, '../..');
const ID = 'CON-2025-10-RETENTION';
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `regmark-pack-${prefix}-`));
const SOURCE_DATE = new Date('2025-10-17T09:00:00Z');
const has = (program: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

let report: PackReport;
let out: string;

beforeAll(async () => {
  out = temp('a');
  report = await buildPack({ root: REPO, id: ID, outDir: out, zip: true, sourceDate: SOURCE_DATE });
}, 60_000);

const files = (kind?: string) => report.files.filter((f) => !kind || f.kind === kind);
const paperPdf = () => files('paper').find((f) => f.format === 'pdf')!.path;

describe('regmark pack: the example consultation', () => {
  it('is packed: the paper and each annex, clean, as DOCX and PDF, named as the SEC website names them', () => {
    expect(report.refused).toBe(false);
    const names = report.files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        `${ID} SMETS1 Consultation v1.0.docx`,
        `${ID} SMETS1 Consultation v1.0.pdf`,
        'SEC Appendix AM v17.0 clean.docx',
        'SEC Appendix AM v17.0 clean.pdf',
        'SEC Appendix AC v9.0 clean.docx',
        'SEC Appendix AC v9.0 clean.pdf',
        'manifest.json',
        `${ID}.zip`,
      ]),
    );
  });

  it("Appendix One holds exactly seed 001's current → proposed mappings", () => {
    expect(report.retentionTables).toHaveLength(1);
    const mappings = report.retentionTables[0]!.rows.flatMap(rowMappings).map(([a, b]) => `${a} → ${b}`).sort();
    const expected = [
      ...['GroupID', 'Group', 'Group Device Model Combination List', 'Requesting Party', 'Commissioning Party', 'RP Decommissioning Date'].map((t) => `${t} → AM 2`),
      ...['SMETS1 CAD', 'SMETS1 PPMID'].map((t) => `${t} → AC 13`),
      'AL 3.14E → AM 2A.1.1',
      'AL 3.14F → AM 2A.1.2',
      'AL 7.9A → AM 2B.1.1',
      'AL 7.9B → AM 2B.1.2',
      'AL 7.9C → AM 2B.1.3',
      'AL 7.9D → AM 2B.1.4',
    ].sort();
    expect(mappings).toEqual(expected);
    // Ranges are collapsed into one row each, as in the seed.
    const clauseRows = report.retentionTables[0]!.rows.filter((r) => r.kind === 'clauses');
    expect(clauseRows.map((r) => `${r.fromItems[0]}-${r.fromItems.at(-1)}`)).toEqual(['3.14E-3.14F', '7.9A-7.9D']);
    const docx = files('paper').find((f) => f.format === 'docx')!.path;
    const text = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', docx], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('SMETS1 TMAD Clauses 7.9A to 7.9D');
    expect(text).toContain('S1SR Clauses 2B.1.1 to 2B.1.4');
    // The author's order and wording: the GroupID group, SMETS1 CAD/PPMID, the RP separation clauses, the terms they use, the Data clauses.
    const rows = report.retentionTables[0]!.rows;
    expect(rows.map((r) => r.fromItems[0])).toEqual(['Group', 'SMETS1 CAD', '3.14E', 'Commissioning Party', '7.9A']);
    expect(rows[2]!.subject).toBe('RP Separation requirements');
    expect(text).toContain('SMETS1 TMAD Defined Terms and Interpretations');
    // Generated tables cite as the body does: no internal IDs such as "AM 13.2" or "definition of GroupID (AL)".
    expect(text).not.toMatch(/\b(?:AM|AC|AL) \d+\.\d/);
    expect(text).not.toMatch(/\((?:AM|AC|AL)\)/);
  });

  it.runIf(has('pdftotext'))('numbers paragraphs 1, 2, 3 … and questions One, Two … in order', () => {
    const text = execFileSync('pdftotext', ['-layout', paperPdf(), '-'], { encoding: 'utf8' });
    // Section headings are numbered too ("2         Background"): their lines are told apart by their titles.
    const titles = readFileSync(join(REPO, 'documents', `${ID}.md`), 'utf8').split('\n').filter((l) => l.startsWith('# ')).map((l) => l.slice(2).trim()).concat('How to Respond');
    const body = text.slice(text.indexOf(titles[0]!, text.indexOf(titles.at(-1)!) + 1));
    const numbers = [...body.matchAll(/^(\d+) {3,}(\S.*)$/gm)].filter((m) => !titles.some((t) => t.startsWith(m[2]!.trim()))).map((m) => Number(m[1]));
    expect(numbers.length).toBe(report.counts!.paragraphs);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const questions = [...text.matchAll(/^\s*Question (One|Two|Three|Four|Five)\s*$/gm)].map((m) => m[1]);
    expect(questions).toEqual(['One', 'Two', 'Three', 'Four']);
    expect(text).toMatch(/Table 1 – /);
    expect(text).toContain('How to Respond');
    expect(text.replace(/\s+/g, ' ')).toContain('consultations@example.org by 17:00 on 14 November 2025');
    expect(text.indexOf('How to Respond', text.indexOf('Next Steps'))).toBeLessThan(text.lastIndexOf('Appendix One'));
  });

  it('writes a manifest with the sha256 of every file, the versions, the baseline and the build date', () => {
    const manifest = JSON.parse(readFileSync(join(out, ID, 'manifest.json'), 'utf8'));
    expect(manifest.buildDate).toBe(SOURCE_DATE.toISOString());
    // No `baseline:`: each annex is compared with its `previous` version.
    expect(manifest.baseline).toMatchObject({ source: 'previous', previous: { AM: { ref: 'versions/before-retention', version: '16.0' }, AC: { ref: 'versions/before-retention', version: '8.0' } } });
    expect(manifest.acceptedRisks.map((r: { about: string }) => r.about).sort()).toEqual(['Group', 'Group Device Model Combination List', 'GroupID', 'SMETS1 CAD', 'SMETS1 PPMID']);
    expect(manifest.documents.AM).toMatchObject({ version: '17.0', baselineVersion: '16.0' });
    expect(manifest.documents.AC).toMatchObject({ version: '9.0', baselineVersion: '8.0' });
    for (const f of manifest.files) {
      const bytes = readFileSync(join(out, ID, f.name));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    const zipped = readZip(readFileSync(join(out, `${ID}.zip`))).map((e) => e.name);
    expect(zipped).toEqual([...manifest.files.map((f: { name: string }) => `${ID}/${f.name}`), `${ID}/manifest.json`].sort());
  });

  it('is byte-identical when packed twice', async () => {
    const again = temp('b');
    const second = await buildPack({ root: REPO, id: ID, outDir: again, zip: true, sourceDate: SOURCE_DATE });
    expect(second.files.map((f) => [f.name, f.sha256])).toEqual(report.files.map((f) => [f.name, f.sha256]));
    for (const name of readdirSync(join(out, ID))) expect(readFileSync(join(again, ID, name)).equals(readFileSync(join(out, ID, name)))).toBe(true);
    expect(readFileSync(join(again, `${ID}.zip`)).equals(readFileSync(join(out, `${ID}.zip`)))).toBe(true);
  }, 60_000);

  it.runIf(has('qpdf'))('every PDF passes qpdf --check', () => {
    for (const f of files().filter((x) => x.format === 'pdf')) execFileSync('qpdf', ['--check', f.path], { stdio: 'pipe' });
  });

  it.runIf(has('pandoc'))('pandoc reads every DOCX', () => {
    for (const f of files().filter((x) => x.format === 'docx')) {
      const text = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', f.path], { encoding: 'utf8' });
      expect(text.length).toBeGreaterThan(500);
      if (f.kind === 'paper') {
        expect(text).toContain('Question One');
        expect(text).toContain('Appendix One');
      }
    }
  });

  it.runIf(has('pandoc'))('the redlined annexes read back as the new text with changes accepted and the baseline with them rejected', () => {
    const read = (path: string, mode: string) => execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', `--track-changes=${mode}`, path], { encoding: 'utf8' });
    const am = files('annex-redline').find((f) => f.doc === 'AM' && f.format === 'docx')!;
    expect(am.name).toBe('SEC Appendix AM v17.0 redline against v16.0.docx');
    for (const id of ['18.17p', '2A.1.1', '2B.1.4']) {
      expect(read(am.path, 'accept')).toContain(id);
      expect(read(am.path, 'reject')).not.toContain(id);
    }
    expect(files('annex-redline').map((f) => f.name).sort()).toEqual(
      [
        'SEC Appendix AC v9.0 redline against v8.0.docx',
        'SEC Appendix AC v9.0 redline against v8.0.pdf',
        'SEC Appendix AM v17.0 Annex A redline against v16.0.pdf',
        'SEC Appendix AM v17.0 Annex A redline against v16.0.xlsx',
        'SEC Appendix AM v17.0 redline against v16.0.docx',
        'SEC Appendix AM v17.0 redline against v16.0.pdf',
      ],
    );
  });

  it.runIf(has('soffice') && has('pdftotext'))('ships S1SR Annex A clean and redlined, as workbook and PDF, with the Itron ESME row for 18.17p marked as added', () => {
    const annex = (kind: string, format: string) => files(kind).find((f) => f.doc === 'AM' && f.format === format && f.name.includes('Annex A'))!;
    expect(annex('annex-clean', 'xlsx').name).toBe('SEC Appendix AM v17.0 Annex A clean.xlsx');
    expect(annex('annex-clean', 'pdf').name).toBe('SEC Appendix AM v17.0 Annex A clean.pdf');
    const target = temp('calc');
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${temp('calc-profile')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', target, annex('annex-clean', 'xlsx').path, annex('annex-redline', 'xlsx').path], { stdio: 'pipe', timeout: 120_000 });
    const sheet = (name: string) => readFileSync(join(target, name), 'utf8').trim().split('\n');
    const clean = sheet('SEC Appendix AM v17.0 Annex A clean-Annex A.csv');
    expect(clean[0]).toBe('Manufacturer,Device Type,Model,Firmware,Variations');
    expect(clean.filter((r) => r.startsWith('Itron,ESME,'))).toHaveLength(1);
    const marked = sheet('SEC Appendix AM v17.0 Annex A redline against v16.0-Annex A.csv');
    expect(marked.filter((r) => r.endsWith(',Inserted'))).toEqual([clean.find((r) => r.startsWith('Itron,ESME,')) + ',Inserted']);
    expect(sheet('SEC Appendix AM v17.0 Annex A redline against v16.0-Changes.csv').slice(1).map((r) => r.split(',')[0])).toEqual(['Row inserted']);
    const pdf = execFileSync('pdftotext', ['-layout', annex('annex-redline', 'pdf').path, '-'], { encoding: 'utf8' });
    expect(pdf).toContain('Annex A: 1 device model added, 0 device models removed, 0 cells changed.');
    expect(pdf).toMatch(/Itron\s+ESME/);
  }, 150_000);

  it.runIf(has('soffice'))('LibreOffice opens every DOCX', () => {
    const docx = files().filter((x) => x.format === 'docx');
    const target = temp('lo');
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${temp('lo-profile')}`, '--convert-to', 'pdf', '--outdir', target, ...docx.map((f) => f.path)], { stdio: 'pipe', timeout: 120_000 });
    expect(readdirSync(target).filter((n) => n.endsWith('.pdf')).sort()).toEqual(docx.map((f) => f.name.replace(/\.docx$/, '.pdf')).sort());
  }, 150_000);

  it("leaves the repository's own check clean with the consultation present", async () => {
    const r = await run(['check', '--root', REPO, '--as-at', '2025-10-17']);
    expect(r.out).toMatch(/0 errors, 0 warnings/);
    expect(r.code).toBe(0);
  });
});

describe('regmark pack: bad input', () => {
  /** A copy of the example root whose paper has `body` appended. */
  function rootWith(append: string): string {
    const root = temp('root');
    for (const d of ['documents', 'clauses', 'definitions', 'templates']) cpSync(join(REPO, d), join(root, d), { recursive: true });
    cpSync(join(REPO, 'versions'), join(root, 'versions'), { recursive: true });
    const path = join(root, 'documents', `${ID}.md`);
    writeFileSync(path, readFileSync(path, 'utf8') + append);
    return root;
  }

  it('a bad directive argument is a located diagnostic and exit 1, not a crash', async () => {
    const root = rootWith('\n::retention-table{from=ZZ}\n\n::impact{doc=AL when=later}\n\n::changes\n\n::nonsense{x=1}\n');
    const lines = readFileSync(join(root, 'documents', `${ID}.md`), 'utf8').split('\n');
    const lineOf = (needle: string) => lines.findLastIndex((l) => l.includes(needle)) + 1;
    const r = await run(['pack', ID, '--root', root, '--out', join(root, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`documents/${ID}.md:${lineOf('from=ZZ')}:1  error  invalid-directive  \`::retention-table\`: no document \`ZZ\``);
    expect(r.err).toContain(`documents/${ID}.md:${lineOf('when=later')}:1  error  invalid-directive  \`::impact\` has no attribute \`when\``);
    expect(r.err).toContain(`documents/${ID}.md:${lineOf('::changes')}:1  error  invalid-directive  \`::changes\` needs \`doc=\``);
    expect(r.err).toContain(`documents/${ID}.md:${lineOf('::nonsense')}:1  error  invalid-directive  unknown directive \`::nonsense\``);
    expect(r.err).toMatch(/not packed: 4 problems in the consultation paper/);
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('an unknown consultation is one line and exit 1', async () => {
    const r = await run(['pack', 'CON-NOPE', '--root', REPO, '--out', temp('x')]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('regmark pack: no consultation CON-NOPE (no documents/CON-NOPE.md with `kind: consultation`); consultations: CON-2025-10-RETENTION');
  });

  it('a check error stops the pack unless --force, which records it in the manifest', async () => {
    const root = rootWith('');
    const am = join(root, 'clauses/AM/18-device-behaviour-variations.md');
    writeFileSync(am, readFileSync(am, 'utf8') + '\n**18.99** See [[AL 99.9]].\n');
    const outDir = join(root, 'out');
    const refused = await run(['pack', ID, '--root', root, '--out', outDir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/unresolved-reference/);
    expect(refused.err).toMatch(/not packed: check finds 1 error/);
    const forced = await run(['pack', ID, '--root', root, '--out', outDir, '--force', '--quiet']);
    expect(forced.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outDir, ID, 'manifest.json'), 'utf8'));
    expect(manifest.checked).toMatchObject({ errors: 1, forced: true });
  }, 60_000);
});
