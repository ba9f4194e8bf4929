/**
 * `regmark pack` on a consultation fixture of its own (build/test/fixtures/consultation): an expiring guide (ZO), two
 * annexes that retain from it (ZN, ZC) and a baseline folder holding the versions they replace. The files are read
 * back by pandoc, qpdf, pdftotext and LibreOffice; each must be installed (CI installs them), and a test fails without.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../test/cliHarness.js';
import { readZip } from '../render/output/zip.js';
import { buildPack, type PackReport } from '../commands/pack.js';
import { buildDocuments } from '../commands/build.js';
import { headingsAtPageFoot, outlineSize } from '../test/pageFoot.js';
import { plainLines } from '../test/docxText.js';
import type { IsoDate } from '../model/dates.js';
import { rowMappings } from './retentionTable.js';

const FIXTURE = join(import.meta.dirname, '../test/fixtures/consultation');
const ID = 'CON-2025-09-HANDOVER';
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `regmark-pack-${prefix}-`));
const SOURCE_DATE = new Date('2025-09-15T09:00:00Z');

let report: PackReport;
let out: string;

beforeAll(async () => {
  out = temp('a');
  report = await buildPack({ root: FIXTURE, id: ID, outDir: out, zip: true, sourceDate: SOURCE_DATE });
}, 60_000);

const files = (kind?: string) => report.files.filter((f) => !kind || f.kind === kind);
const readZipText = (path: string, name: string) => new TextDecoder().decode(readZip(new Uint8Array(readFileSync(path))).find((e) => e.name === name)!.data);
const paperPdf = () => files('paper').find((f) => f.format === 'pdf')!.path;

/** A copy of the fixture, with `edit` applied to the text of the files it names. */
function rootWith(edit: Record<string, (text: string) => string> = {}): string {
  const root = temp('root');
  cpSync(FIXTURE, root, { recursive: true });
  for (const [path, change] of Object.entries(edit)) writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf8')));
  return root;
}

describe('regmark pack: a consultation', () => {
  it('is packed: the paper and each annex, clean, as DOCX and PDF, named as the SEC website names them', () => {
    expect(report.refused).toBe(false);
    const names = report.files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        `${ID} Handover Consultation v1.0.docx`,
        `${ID} Handover Consultation v1.0.pdf`,
        'SEC Appendix ZN v2.0 clean.docx',
        'SEC Appendix ZN v2.0 clean.pdf',
        'SEC Appendix ZC v3.0 clean.docx',
        'SEC Appendix ZC v3.0 clean.pdf',
        'manifest.json',
        `${ID}.zip`,
      ]),
    );
  });

  it('Appendix One holds exactly the current → proposed mappings that the `from=` attributes record', () => {
    expect(report.retentionTables).toHaveLength(1);
    const mappings = report.retentionTables[0]!.rows.flatMap(rowMappings).map(([a, b]) => `${a} → ${b}`).sort();
    const expected = ['Handover Record → ZN', 'Receiving Operator → ZN', 'Handover Batch → ZC', 'ZO 3.1 → ZC 6.3', 'ZO 5.1 → ZN 4A.1.1', 'ZO 5.2 → ZN 4A.1.2', 'ZO 5.3 → ZN 4A.1.3'].sort();
    expect(mappings).toEqual(expected);
    // Clauses that moved together are one row; the definitions are grouped by destination.
    const clauseRows = report.retentionTables[0]!.rows.filter((r) => r.kind === 'clauses');
    expect(clauseRows.map((r) => `${r.fromItems[0]}-${r.fromItems.at(-1)}`).sort()).toEqual(['3.1-3.1', '5.1-5.3']);
    const docx = files('paper').find((f) => f.format === 'docx')!.path;
    const text = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', docx], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Handover Guide Clauses 5.1 to 5.3');
    expect(text).toContain('Operation Rules Clauses 4A.1.1 to 4A.1.3');
    // Generated tables cite in house style, as the body does: no internal IDs such as "ZN 4A.1.1".
    expect(text).not.toMatch(/\bZ[NCO] \d+\.\d/);
    expect(text).toContain('Records of past handovers must still be kept.');
  });

  it('numbers paragraphs 1, 2, 3 … and questions One, Two … in order', () => {
    const text = execFileSync('pdftotext', ['-layout', paperPdf(), '-'], { encoding: 'utf8' });
    // Section headings are numbered too ("2         Background"): their lines are told apart by their titles.
    const titles = readFileSync(join(FIXTURE, 'documents', `${ID}.md`), 'utf8').split('\n').filter((l) => l.startsWith('# ')).map((l) => l.slice(2).trim()).concat('How to Respond');
    const body = text.slice(text.indexOf(titles[0]!, text.indexOf(titles.at(-1)!) + 1));
    const numbers = [...body.matchAll(/^(\d+) {3,}(\S.*)$/gm)].filter((m) => !titles.some((t) => t.startsWith(m[2]!.trim()))).map((m) => Number(m[1]));
    expect(numbers.length).toBe(report.counts!.paragraphs);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const questions = [...text.matchAll(/^\s*Question (One|Two|Three|Four|Five)\s*$/gm)].map((m) => m[1]);
    expect(questions).toEqual(['One', 'Two', 'Three']);
    expect(text).toMatch(/Table 1 – /);
    expect(text).toContain('How to Respond');
    expect(text.replace(/\s+/g, ' ')).toContain('responses@example.org by 17:00 on 13 October 2025');
    expect(text.indexOf('How to Respond', text.indexOf('Next Steps'))).toBeLessThan(text.lastIndexOf('Appendix One'));
    // The baseline's impact: what ZC v2.0 would lose when the guide ends, and the term it needs through a definition.
    expect(text.replace(/\s+/g, ' ')).toMatch(/Definition of Handover Batch .*Batch Rules Clause 6\.2/);
  });

  it('writes a manifest with the sha256 of every file, the versions, the baseline and the build date', () => {
    const manifest = JSON.parse(readFileSync(join(out, ID, 'manifest.json'), 'utf8'));
    expect(manifest.buildDate).toBe(SOURCE_DATE.toISOString());
    expect(manifest.baseline).toEqual({ source: 'baseline', label: 'baseline' });
    expect(manifest.acceptedRisks).toEqual([]);
    expect(manifest.checked).toEqual({ asAt: '2025-09-15', errors: 0, warnings: 0, forced: false });
    expect(manifest.documents.ZN).toMatchObject({ version: '2.0', baselineVersion: '1.0' });
    expect(manifest.documents.ZC).toMatchObject({ version: '3.0', baselineVersion: '2.0' });
    for (const f of manifest.files) {
      const bytes = readFileSync(join(out, ID, f.name));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    const zipped = readZip(readFileSync(join(out, `${ID}.zip`))).map((e) => e.name);
    expect(zipped).toEqual([...manifest.files.map((f: { name: string }) => `${ID}/${f.name}`), `${ID}/manifest.json`].sort());
  });

  it('is byte-identical when packed twice', async () => {
    const again = temp('b');
    const second = await buildPack({ root: FIXTURE, id: ID, outDir: again, zip: true, sourceDate: SOURCE_DATE });
    expect(second.files.map((f) => [f.name, f.sha256])).toEqual(report.files.map((f) => [f.name, f.sha256]));
    for (const name of readdirSync(join(out, ID))) expect(readFileSync(join(again, ID, name)).equals(readFileSync(join(out, ID, name)))).toBe(true);
    expect(readFileSync(join(again, `${ID}.zip`)).equals(readFileSync(join(out, `${ID}.zip`)))).toBe(true);
  }, 60_000);

  it('every PDF passes qpdf --check', () => {
    for (const f of files().filter((x) => x.format === 'pdf')) execFileSync('qpdf', ['--check', f.path], { stdio: 'pipe' });
  });

  it('pandoc reads every DOCX', () => {
    for (const f of files().filter((x) => x.format === 'docx')) {
      const text = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', f.path], { encoding: 'utf8' });
      expect(text.length).toBeGreaterThan(300);
      if (f.kind === 'paper') {
        expect(text).toContain('Question One');
        expect(text).toContain('Appendix One');
      }
    }
  });

  it('the redlined annexes read back as the new text with changes accepted and the baseline with them rejected', () => {
    const read = (path: string, mode: string) => execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', `--track-changes=${mode}`, path], { encoding: 'utf8' });
    const zn = files('annex-redline').find((f) => f.doc === 'ZN' && f.format === 'docx')!;
    expect(zn.name).toBe('SEC Appendix ZN v2.0 redline against v1.0.docx');
    for (const id of ['2.3', '4A.1.1', '4A.1.3']) {
      expect(read(zn.path, 'accept')).toContain(id);
      expect(read(zn.path, 'reject')).not.toContain(id);
    }
    expect(read(zn.path, 'accept')).toContain('within two Working Days');
    expect(read(zn.path, 'reject')).toContain('within five Working Days');
    expect(files('annex-redline').map((f) => f.name).sort()).toEqual(
      ['SEC Appendix ZC v3.0 redline against v2.0.docx', 'SEC Appendix ZC v3.0 redline against v2.0.pdf', 'SEC Appendix ZN v2.0 redline against v1.0.docx', 'SEC Appendix ZN v2.0 redline against v1.0.pdf'],
    );
  });

  it('Accept All of each redline is the clean annex and Reject All the clean baseline, line for line (pandoc)', async () => {
    const baseDir = temp('base');
    const annexes = [...new Set(files('annex-redline').map((f) => f.doc!))].sort();
    expect(annexes).toEqual(['ZC', 'ZN']);
    await buildDocuments({ root: join(FIXTURE, 'baseline'), docs: annexes, asAt: '2025-09-15' as IsoDate, formats: ['docx'], outDir: baseDir, sourceDate: SOURCE_DATE, workers: 0 });
    for (const doc of annexes) {
      const redline = files('annex-redline').find((f) => f.doc === doc && f.format === 'docx')!.path;
      const clean = files('annex-clean').find((f) => f.doc === doc && f.format === 'docx')!.path;
      expect(plainLines(redline, 'accept'), doc).toEqual(plainLines(clean));
      expect(plainLines(redline, 'reject'), doc).toEqual(plainLines(join(baseDir, `${doc}.docx`)));
      const targets = [...readZipText(redline, 'word/_rels/document.xml.rels').matchAll(/Target="([^"]+)" TargetMode="External"/g)].map((m) => m[1]!);
      for (const t of targets) expect(t).not.toContain(' ');
    }
  }, 120_000);

  it('no PDF page, the paper\'s included, ends with a heading or a table caption (pdftotext, page by page, against the qpdf outline)', () => {
    const pdfs = files().filter((f) => f.format === 'pdf');
    expect(pdfs.length).toBe(5);
    for (const f of pdfs) {
      expect(outlineSize(f.path), f.name).toBeGreaterThan(0);
      expect(headingsAtPageFoot(f.path), f.name).toEqual([]);
    }
  });

  it('LibreOffice opens every DOCX', () => {
    const docx = files().filter((x) => x.format === 'docx');
    const target = temp('lo');
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${temp('lo-profile')}`, '--convert-to', 'pdf', '--outdir', target, ...docx.map((f) => f.path)], { stdio: 'pipe', timeout: 120_000 });
    expect(readdirSync(target).filter((n) => n.endsWith('.pdf')).sort()).toEqual(docx.map((f) => f.name.replace(/\.docx$/, '.pdf')).sort());
    // The contents' cached page numbers are the pages LibreOffice lays each heading out on (Word opens the file
    // without refreshing fields, so these are the numbers a reader sees until they update the field).
    for (const f of files('annex-clean').filter((x) => x.format === 'docx')) {
      const text = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', f.path], { encoding: 'utf8' }).split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
      const start = text.indexOf('Contents');
      const entries: Array<[string, number]> = [];
      for (let i = start + 1; i < text.length && (!text[i] || /^\S+ .* \d+$/.test(text[i]!)); i++) {
        const m = /^(.*) (\d+)$/.exec(text[i]!);
        if (m) entries.push([m[1]!, Number(m[2])]);
      }
      expect(entries.length, f.name).toBeGreaterThan(0);
      const pdf = join(target, f.name.replace(/\.docx$/, '.pdf'));
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      const laid = new Map<string, number>();
      for (let page = 3; page <= pages; page++) {
        const lines = execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
        // A heading may wrap: its first line begins the entry's title.
        for (const [title] of entries) if (!laid.has(title) && lines.some((l) => l.length > 6 && (l === title || title.startsWith(`${l} `)))) laid.set(title, page);
      }
      expect(Object.fromEntries(laid), f.name).toEqual(Object.fromEntries(entries));
    }
  }, 150_000);

  it('leaves the content root checking clean with the consultation present', async () => {
    const r = await run(['check', '--root', FIXTURE, '--as-at', '2025-09-15']);
    expect(r.out).toMatch(/0 errors, 0 warnings/);
    expect(r.code).toBe(0);
  });
});

describe('regmark pack: annexes compared with their previous versions, with an accepted risk', () => {
  // No `baseline:` in the paper: each annex names the version it replaces. If ZC's designation slips past the
  // guide's end, ZC v2.0 still applies on 2026-01-01 and uses Handover Batch, defined only in the guide; that
  // window is accepted until the day before ZC v3.0 must take effect.
  const accepted = `effective: 2025-12-15\neffective-by: 2026-01-10\nprevious: baseline\naccepted:\n  - code: dangling-definition\n    term: Handover Batch\n    until: 2026-01-09\n    reason: Designation may slip by a few days; the batch rule is carried over once it takes effect.\n`;
  const windowed = (extra: string) => (text: string) => text.replace('effective: 2026-01-01\n', extra);

  it('compares each annex with its previous version and lists the accepted risk in the manifest', async () => {
    const root = rootWith({
      [`documents/${ID}.md`]: (t) => t.replace(/^baseline: baseline\n/m, ''),
      'documents/ZN.md': windowed('effective: 2025-12-15\nprevious: baseline\n'),
      'documents/ZC.md': windowed(accepted),
    });
    const outDir = join(root, 'out');
    const r = await run(['pack', ID, '--root', root, '--out', outDir]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/1 accepted risk/);
    const manifest = JSON.parse(readFileSync(join(outDir, ID, 'manifest.json'), 'utf8'));
    expect(manifest.baseline).toMatchObject({ source: 'previous', previous: { ZN: { ref: 'baseline', version: '1.0' }, ZC: { ref: 'baseline', version: '2.0' } } });
    expect(manifest.acceptedRisks).toHaveLength(1);
    expect(manifest.acceptedRisks[0]).toMatchObject({ code: 'dangling-definition', about: 'Handover Batch', until: '2026-01-09' });
    expect(manifest.documents.ZC).toMatchObject({ version: '3.0', baselineVersion: '2.0' });
  }, 60_000);

  it('refuses once the acceptance runs out before the window closes', async () => {
    const root = rootWith({
      [`documents/${ID}.md`]: (t) => t.replace(/^baseline: baseline\n/m, ''),
      'documents/ZN.md': windowed('effective: 2025-12-15\nprevious: baseline\n'),
      'documents/ZC.md': windowed(accepted.replace('until: 2026-01-09', 'until: 2025-12-31')),
    });
    const r = await run(['pack', ID, '--root', root, '--out', join(root, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/baseline\/clauses\/ZC\/06-batches\.md:5:77  error  dangling-definition .* accepted only until 2025-12-31 \(documents\/ZC\.md:14\), and it still occurs on 2026-01-01 \[2026-01-01\]/);
    expect(r.err).toMatch(/not packed: check finds \d+ errors?/);
  }, 60_000);
});

describe('regmark pack: bad input', () => {
  it('a bad directive argument is a located diagnostic and exit 1, not a crash', async () => {
    const root = rootWith({ [`documents/${ID}.md`]: (t) => `${t}\n::retention-table{from=ZZ}\n\n::impact{doc=ZO when=later}\n\n::changes\n\n::nonsense{x=1}\n` });
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
    const r = await run(['pack', 'CON-NOPE', '--root', FIXTURE, '--out', temp('x')]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`regmark pack: no consultation CON-NOPE (no documents/CON-NOPE.md with \`kind: consultation\`); consultations: ${ID}`);
  });

  it('a check error stops the pack unless --force, which records it in the manifest', async () => {
    const root = rootWith({ 'clauses/ZN/01-general.md': (t) => `${t}\n**2.99** See [[ZO 99.9]].\n` });
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
