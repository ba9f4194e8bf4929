/**
 * The PDF output read by independent programs: qpdf (structure), poppler's pdffonts, pdftotext and pdfinfo
 * (fonts, text order, tags, destinations, metadata). Everything is built once. Needs: qpdf, poppler-utils.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocuments, type BuildReport } from '../../commands/build.js';
import { AS_AT, buildFixtures, EDGE, REPO, SEC, SOURCE_DATE } from '../../test/renderFixtures.js';
import type { Block, RenderDocument } from '../../model/document.js';
import { headingsAtPageFoot } from '../../test/pageFoot.js';


let out: string;
let example: BuildReport;
let edge: BuildReport;
const models = new Map<string, RenderDocument>();
const files: string[] = [];

const run = (program: string, args: string[]) => execFileSync(program, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const normal = (s: string) => s.replace(/\s+/g, ' ').trim();
const pdfOf = (doc: string) => files.find((f) => basename(f) === `${doc}.pdf`)!;
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1]);
/** Every object of the file written out plain by qpdf (a PDF keeps its dictionaries in compressed object streams). */
const plainObjects = (file: string) => execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
const pageText = (file: string, page: number, layout = true) => run('pdftotext', [...(layout ? ['-layout'] : []), '-f', String(page), '-l', String(page), file, '-']);

beforeAll(async () => {
  for (const [program, pkg] of [['qpdf', 'qpdf'], ['pdftotext', 'poppler-utils']] as const) {
    if (spawnSync(program, ['-v'], { stdio: 'ignore' }).error) throw new Error(`${program} is not installed: apt-get install ${pkg}`);
  }
  const built = await buildFixtures('pdf');
  ({ out, example, edge } = built);
  files.push(...built.files);
  for (const [doc, model] of built.models) models.set(doc, model);
}, 120_000);

describe('regmark build → PDF', () => {
  it('writes a PDF for every document of the before-retention fixture', () => {
    expect(example.files.filter((f) => !f.annex).map((f) => basename(f.path)).sort()).toEqual(['A.pdf', 'AC.pdf', 'AL.pdf', 'AM.pdf']);
    expect(example.files.filter((f) => f.annex).map((f) => basename(f.path))).toEqual(['AM-annex-A.pdf']);
  });

  it('leaves no heading at the foot of a page (pdftotext page by page, headings from the qpdf outline)', () => {
    for (const file of files) expect(headingsAtPageFoot(file), file).toEqual([]);
  });

  it('breaks a long web address and a long hyphenated word only where Unicode line breaking allows (pdftotext)', () => {
    const url = 'https://registers.example.org/smart-energy-code/appendices/widget-registers/current-register-of-widgets-and-their-codes';
    const word = 'self-certification-and-registration-before-commissioning-and-enrolment-into-the-register';
    const lines = run('pdftotext', ['-layout', pdfOf('EY'), '-']).split('\n').map((l) => l.trim()).filter(Boolean);
    for (const whole of [url, word]) {
      // Each line's last word that is a piece of the long one (not its end) ends after a slash or a hyphen.
      const pieces = lines.map((l) => l.split(/\s+/)).flatMap((ws) => [ws[0]!, ws.at(-1)!]).filter((w) => w.length > 1 && whole.includes(w.replace(/[.,]$/, '')));
      const ends = lines.map((l) => l.split(/\s+/).at(-1)!).filter((w) => w.length > 1 && whole.includes(w) && !whole.endsWith(w));
      expect(ends.length, whole).toBeGreaterThan(0);
      for (const end of ends) expect(end, whole).toMatch(/[/-]$/);
      expect(pieces.length, whole).toBeGreaterThan(1);
    }
    // Read without layout and joined at line ends, the address is whole again: nothing was added or lost.
    expect(run('pdftotext', [pdfOf('EY'), '-']).replace(/\n/g, '')).toContain(url);
  });

  it('passes qpdf --check', () => {
    for (const file of files) {
      const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
      expect(check.status, `${file}: ${check.stdout}${check.stderr}`).toBe(0);
      expect(check.stdout).toContain('No syntax or stream encoding errors found');
    }
  });

  it('embeds every font it uses, and only DejaVu', () => {
    for (const file of files) {
      const rows = run('pdffonts', [file]).trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const cols = row.trim().split(/\s+/);
        expect(cols.at(-5), `${file}: ${row}`).toBe('yes');
        expect(cols[0], row).toMatch(/^[A-Z]{6}\+DejaVu/);
      }
    }
  });

  it('pdftotext finds every section heading and clause number, in order', () => {
    for (const file of files) {
      const model = models.get(basename(file, '.pdf'))!;
      const expected: string[] = [];
      const visit = (b: Block) => {
        if (b.kind === 'section') expected.push(normal(`${b.number} ${b.titleText}`));
        if (b.kind === 'clause') expected.push(b.number);
        if ('children' in b && Array.isArray(b.children)) (b.children as Block[]).forEach(visit);
      };
      model.body.forEach(visit);
      // Headings and clause numbers start their lines; match them in reading order, skipping the contents page.
      const lines = run('pdftotext', ['-layout', '-f', '3', file, '-']).split('\n').map(normal).filter(Boolean);
      let at = 0;
      for (const want of expected) {
        // A long heading wraps: read it with the line after.
        const found = lines.findIndex((line, i) => i >= at && (line === want || line.startsWith(`${want} `) || (want.includes(' ') && normal(`${line} ${lines[i + 1] ?? ''}`).startsWith(want))));
        expect(found, `${file}: "${want}" after line ${at}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    }
  });

  it('is tagged, in en-GB, with the title displayed and metadata from the model', () => {
    for (const file of files) {
      const info = run('pdfinfo', [file]);
      const model = models.get(basename(file, '.pdf'))!;
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toContain(`Title:           ${model.metadata.title}`);
      expect(info).toContain(`Author:          ${model.metadata.author}`);
      expect(info).toContain(`Subject:         ${model.metadata.subject}`);
      expect(info).toContain(`Keywords:        ${model.metadata.keywords.join(', ')}`);
      expect(info).toMatch(/CreationDate:\s+Thu Jan\s+2 03:04:06 2025 UTC/);
      expect(info).toMatch(/ModDate:\s+Thu Jan\s+2 03:04:06 2025 UTC/);
      const raw = plainObjects(file);
      expect(raw).toContain('/Lang (en-GB)');
      expect(raw).toContain('/DisplayDocTitle true');
    }
  });

  it('has structure elements for headings, paragraphs, lists, tables, links, notes and contents', () => {
    const tags = new Set(run('pdfinfo', ['-struct', pdfOf('AL')]).split('\n').map((l) => l.trim().split(/[\s:(]/)[0]));
    for (const t of ['Document', 'Sect', 'H1', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Link', 'Note', 'TOC', 'TOCI']) expect(tags, t).toContain(t);
  });

  it('has an outline entry per section and a named destination per provision', () => {
    for (const file of files) {
      const model = models.get(basename(file, '.pdf'))!;
      const outline = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file])).outlines as Array<{ title: string }>;
      expect(outline.map((o) => o.title)).toEqual(model.contents.map((c) => (c.number ? `${c.number} ${c.title}` : c.title)));
      const dests = run('pdfinfo', ['-dests', file]);
      const anchors: string[] = [];
      const visit = (b: Block) => {
        if (b.kind === 'section' || b.kind === 'clause' || b.kind === 'subParagraph') anchors.push(b.anchor);
        if ('children' in b && Array.isArray(b.children)) (b.children as Block[]).forEach(visit);
      };
      model.body.forEach(visit);
      for (const a of anchors) expect(dests, `${file}: ${a}`).toContain(`"${a}"`);
    }
  });

  it('keeps its named destinations in the order of their bytes, as a name tree is searched (qpdf)', () => {
    let reordered = 0;
    for (const file of files) {
      const tree = /\/Dests <<\s*\/Limits \[\s*\(([^()]*)\)\s*\(([^()]*)\)\s*\]\s*\/Names \[([\s\S]*?)\n {4}\]\n {2}>>/.exec(plainObjects(file));
      expect(tree, file).not.toBeNull();
      const keys = [...tree![3]!.matchAll(/^ {6}\(([^()]*)\)$/gm)].map((m) => m[1]!);
      const bytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a, 'latin1'), Buffer.from(b, 'latin1')));
      expect(keys.length, file).toBeGreaterThan(1);
      expect(keys, file).toEqual(bytes);
      expect([tree![1], tree![2]], file).toEqual([keys[0], keys.at(-1)]);
      // Collation would order these otherwise (an underscore or a capital before a small letter).
      if (keys.join() !== [...keys].sort((a, b) => a.localeCompare(b)).join()) reordered++;
    }
    expect(reordered).toBeGreaterThan(0);
  });

  it('links references: GoTo within the file, GoToR into another document of the build', () => {
    const raw = plainObjects(pdfOf('AL'));
    expect(raw).toMatch(/\/S \/GoTo\s/);
    expect(raw).toMatch(/\/S \/GoToR[\s\S]{0,80}\/F \(AM\.pdf\)|\/F \(AM\.pdf\)[\s\S]{0,80}\/S \/GoToR/);
    expect(raw).toMatch(/\/D \(AM_13\)/);
  });

  it('lists contents with the page each section starts on', () => {
    const file = pdfOf('AM');
    const model = models.get('AM')!;
    const contents = normal(pageText(file, 2));
    for (const entry of model.contents) {
      const m = new RegExp(`${entry.number ?? ''}\\s*${entry.title.replace(/[()]/g, '\\$&')}\\s+(\\d+)`).exec(contents);
      expect(m, entry.title).not.toBeNull();
      const page = Number(m![1]);
      expect(normal(pageText(file, page)), `${entry.title} on page ${page}`).toContain(`${entry.number ?? ''} ${entry.title}`.trim());
    }
  });

  it('numbers pages "Page X of Y" after the cover', () => {
    for (const file of files) {
      const pages = pageCount(file);
      expect(pageText(file, 1)).not.toContain('Page 1 of');
      expect(pageText(file, 2)).toContain(`Page 2 of ${pages}`);
      expect(pageText(file, pages)).toContain(`Page ${pages} of ${pages}`);
    }
  });

  it('sets each footnote on the page of its mark', () => {
    const al = pdfOf('AL');
    const pageWith = (file: string, text: string) => Array.from({ length: pageCount(file) }, (_, i) => i + 1).find((p) => normal(pageText(file, p, false)).includes(text));
    expect(pageWith(al, 'repeated attempts')).toBeDefined();
    expect(pageWith(al, 'How many attempts are made')).toBe(pageWith(al, 'repeated attempts'));
    const ex = pdfOf('EX');
    expect(pageWith(ex, 'curly quotes')).toBeDefined();
    expect(pageWith(ex, 'This footnote cites')).toBe(pageWith(ex, 'curly quotes'));
  });

  it('repeats the table header on every page of a long table and never splits a row', () => {
    const ex = pdfOf('EX');
    const model = models.get('EX')!;
    const tables: Array<Extract<Block, { kind: 'table' }>> = [];
    const visit = (b: Block) => {
      if (b.kind === 'table') tables.push(b);
      if ('children' in b && Array.isArray(b.children)) (b.children as Block[]).forEach(visit);
    };
    model.body.forEach(visit);
    const table = tables.find((t) => t.rows.length > 50)!;
    const seen = new Set<string>();
    for (let p = 1; p <= pageCount(ex); p++) {
      const lines = pageText(ex, p).split('\n').map(normal);
      const rows = table.rows.filter((r) => lines.some((l) => l.startsWith(`${(r[0]!.content[0] as { text: string }).text} `)));
      if (!rows.length) continue;
      expect(lines.some((l) => /^Code Meaning Weight$/.test(l)), `header on page ${p}`).toBe(true);
      for (const r of rows) {
        const code = (r[0]!.content[0] as { text: string }).text;
        const weight = (r[2]!.content[0] as { text: string }).text;
        // The row's first line carries its code and its weight: the row starts and ends on this page.
        expect(lines.some((l) => l.startsWith(`${code} `) && l.endsWith(` ${weight}`)), `${code} on page ${p}`).toBe(true);
        seen.add(code);
      }
    }
    expect(seen.size).toBe(table.rows.length);
  });

  it('keeps Unicode text as written', () => {
    const text = normal(run('pdftotext', [pdfOf('EX'), '-']));
    expect(text).toContain('café, ≥ 5 kWh, £20 and “curly quotes”');
  });

  it('is the same bytes whatever the thread drew before: the edge fixture alone in a new process equals this one, built after the example', () => {
    const dir = join(out, 'fresh');
    // The sources, through tsx, so that the test runs the code it reads.
    const args = ['build', '--root', EDGE, '--as-at', AS_AT, '--format', 'pdf', '--out', dir, '--force'];
    const script = `const { main } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'build/cli.ts')).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
    const cli = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, SOURCE_DATE_EPOCH: String(SOURCE_DATE.getTime() / 1000) },
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(edge.files.length).toBeGreaterThan(1);
    for (const f of edge.files) expect(readFileSync(join(dir, basename(f.path))).equals(readFileSync(f.path)), f.path).toBe(true);
  }, 120_000);

  it('is byte-identical when built again', async () => {
    const again = await buildDocuments({ root: SEC, docs: [], asAt: AS_AT, formats: ['pdf'], outDir: join(out, 'again'), sourceDate: SOURCE_DATE, workers: 0 });
    for (const f of again.files) expect(readFileSync(f.path).equals(readFileSync(join(out, 'example', basename(f.path)))), f.path).toBe(true);
  }, 60_000);
});
