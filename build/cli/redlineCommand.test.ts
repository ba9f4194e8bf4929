/**
 * `regmark redline` read back by independent programs: pandoc accepts and rejects every tracked change and must get
 * the clean build of the new version and of the baseline; the Open XML SDK validates the package; LibreOffice opens
 * it and sees its changes; qpdf and pdftotext read the PDF. Needs pandoc, soffice, qpdf, poppler-utils and git.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { Io } from './io.js';
import { headingsAtPageFoot } from '../test/pageFoot.js';
import { readZip } from '../render/output/zip.js';

const REPO = join(import.meta.dirname, '../..');
const FIXTURES = join(REPO, 'build/test/fixtures/redline');
const CONSULTATION = join(REPO, 'build/test/fixtures/consultation');
const VALIDATOR = join(REPO, 'node_modules/.bin/ooxml-validator');
const CASES = ['edits', 'additions', 'deletions', 'moves', 'tables', 'footnotes', 'retained', 'combined'];
const AS_AT = '2025-06-01';

async function regmark(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), color: false };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `regmark-${prefix}-`));
/**
 * A copy of the edits fixture's new version as the content root, with a baseline folder inside it: a folder --base
 * must stay inside the content root's repository (here, the content root itself).
 */
function rootWithBaseline(name: string, baseline: string): { root: string; base: string } {
  const root = temp(name);
  cpSync(join(FIXTURES, 'edits/new'), root, { recursive: true });
  const base = join(root, 'baseline');
  cpSync(baseline, base, { recursive: true });
  return { root, base };
}
const pandoc = (file: string, mode?: 'accept' | 'reject') =>
  execFileSync('pandoc', [...(mode ? [`--track-changes=${mode}`] : []), '-f', 'docx', '-t', 'plain', '--wrap=none', file], { encoding: 'utf8' });

/**
 * Text to compare, line for line over the whole document (cover, contents with page numbers, body, footnotes): white
 * space collapsed, and pandoc's table rules and empty cells dropped. pandoc 2 ignores row-level tracking (w:trPr/w:ins),
 * so a rejected inserted table leaves only rules and empty cells; Word removes the rows.
 */
function normal(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l && !/^[-\s]+$/.test(l) && !/^(\|\s*)+$/.test(l));
}

/** The text of a DOCX's comments, where a redline says what it is and lists its changes. */
const commentText = (file: string) => execFileSync('unzip', ['-p', file, 'word/comments.xml'], { encoding: 'utf8' }).replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');

interface Built {
  name: string;
  redline: string;
  pdf: string;
  clean: string;
  base: string;
}

const built: Built[] = [];
let out: string;

async function redlineCase(name: string, newRoot: string, baseRoot: string, doc: string, extra: string[] = []): Promise<Built> {
  const dir = join(out, name);
  const r = await regmark('redline', doc, '--root', newRoot, '--base', baseRoot, '--as-at', AS_AT, '--out', dir, '--author', 'Test Reviewer', '--date', '2025-10-17', '--quiet', '--no-cache', ...extra);
  expect(r.code, r.err).toBe(0);
  const clean = await regmark('build', doc, '--root', newRoot, '--as-at', AS_AT, '--out', join(dir, 'clean'), '--format', 'docx', '--force', '--working-tree', '--quiet', '--no-cache');
  expect(clean.code, clean.err).toBe(0);
  const base = await regmark('build', doc, '--root', baseRoot, '--as-at', AS_AT, '--out', join(dir, 'base'), '--format', 'docx', '--force', '--quiet', '--no-cache');
  expect(base.code, base.err).toBe(0);
  const files = readdirSync(dir);
  // The document's redline, not the redline of its device matrix annex beside it.
  const redline = files.find((f) => f.endsWith('.docx') && !f.includes(' Annex '))!;
  return { name, redline: join(dir, redline), pdf: join(dir, redline.replace(/\.docx$/, '.pdf')), clean: join(dir, 'clean', `${doc}.docx`), base: join(dir, 'base', `${doc}.docx`) };
}

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = '1735689600';
  out = temp('redline');
  for (const c of CASES) built.push(await redlineCase(c, join(FIXTURES, c, 'new'), join(FIXTURES, c, 'base'), 'RX'));
  for (const doc of ['ZN', 'ZC']) built.push(await redlineCase(`consultation-${doc}`, CONSULTATION, join(CONSULTATION, 'baseline'), doc));
}, 240_000);

describe('regmark redline: Word tracked changes', () => {
  it('names files after the document, its version and the baseline version', () => {
    expect(built.find((b) => b.name === 'consultation-ZN')!.redline).toMatch(/\/SEC Appendix ZN v2\.0 redline against v1\.0\.docx$/);
    expect(built.find((b) => b.name === 'edits')!.redline).toMatch(/\/SEC Appendix RX v2\.0 redline against v1\.0\.docx$/);
  });

  it('accepting every change gives the clean build of the new version (pandoc)', () => {
    for (const b of built) expect(normal(pandoc(b.redline, 'accept')), b.name).toEqual(normal(pandoc(b.clean)));
  });

  it('rejecting every change gives the clean build of the baseline (pandoc)', () => {
    for (const b of built) expect(normal(pandoc(b.redline, 'reject')), b.name).toEqual(normal(pandoc(b.base)));
  });

  it('writes real revisions: w:ins/w:del with author and date, paragraph marks, rows, moves, footnotes, track-changes view on', () => {
    const xml = (b: Built, part: string) => execFileSync('unzip', ['-p', b.redline, part], { encoding: 'utf8' });
    const of = (name: string) => built.find((b) => b.name === name)!;
    const edits = xml(of('edits'), 'word/document.xml');
    expect(edits).toMatch(/<w:del w:id="\d+" w:author="Test Reviewer" w:date="2025-10-17T00:00:00Z"><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:delText[^>]*>month<\/w:delText>/);
    expect(edits).toMatch(/<w:ins w:id="\d+" w:author="Test Reviewer" w:date="2025-10-17T00:00:00Z"><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t[^>]*>quarter on its website<\/w:t>/);
    expect(xml(of('edits'), 'word/settings.xml')).toContain('<w:trackRevisions/>');
    expect(xml(of('additions'), 'word/document.xml')).toMatch(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:ins w:id=/);
    expect(xml(of('deletions'), 'word/document.xml')).toMatch(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:del w:id=/);
    const tables = xml(of('tables'), 'word/document.xml');
    expect(tables).toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:ins w:id=/);
    expect(tables).toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:del w:id=/);
    const moves = xml(of('moves'), 'word/document.xml');
    for (const tag of ['moveFromRangeStart', 'moveFromRangeEnd', 'moveToRangeStart', 'moveToRangeEnd', 'moveFrom ', 'moveTo ']) expect(moves).toContain(`<w:${tag}`);
    const notes = xml(of('footnotes'), 'word/footnotes.xml');
    expect(notes).toMatch(/<w:ins w:id=/);
    expect(notes).toMatch(/<w:del w:id=/);
    // One allocator: no revision id is used twice.
    for (const b of built) {
      const ids = [...xml(b, 'word/document.xml').matchAll(/<w:(?:ins|del|moveFrom|moveTo|moveFromRangeStart|moveToRangeStart) w:id="(\d+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size, b.name).toBe(ids.length);
    }
    // No line spacing without its rule, in any part of any redline.
    for (const b of built) {
      for (const entry of readZip(new Uint8Array(readFileSync(b.redline))).filter((e) => e.name.endsWith('.xml'))) {
        for (const spacing of new TextDecoder().decode(entry.data).match(/<w:spacing\b[^>]*\bw:line="[^>]*>/g) ?? []) expect(spacing, `${b.name} ${entry.name}`).toContain('w:lineRule=');
      }
    }
    // The running header's version is tracked too: Reject All gives the baseline's header.
    expect(xml(of('edits'), 'word/header1.xml')).toMatch(/<w:del [^>]*><w:r>(?:<w:rPr>.*?<\/w:rPr>)?<w:delText[^>]*>Version 1\.0<\/w:delText>.*<w:ins [^>]*><w:r>(?:<w:rPr>.*?<\/w:rPr>)?<w:t[^>]*>Version 2\.0<\/w:t>/);
    // Notes ("retained from …") are comments beside the clause.
    expect(xml(of('retained'), 'word/comments.xml')).toContain('retained from SRC Doc Clause 4.1');
  });

  it('lists each change as the paper cites it, not by internal ID, in the Word comment and on the PDF\'s first page', () => {
    const combined = built.find((b) => b.name === 'combined')!;
    const expected = [
      'RXA Clause 1.2 \u2014 changed',
      'Table in RXA Clause 1.4 \u2014 changed',
      'RXA Clause 1.3 \u2014 moved',
      'RXA Clause 3.1 \u2014 inserted',
      'Definition of Lantern \u2014 changed',
      'Definition of Lock \u2014 deleted',
      'Definition of Mooring Post \u2014 inserted',
      'Footnote 2 \u2014 inserted',
    ];
    const comment = commentText(combined.redline);
    const cover = execFileSync('pdftotext', ['-layout', '-l', '1', combined.pdf, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.replace(/\s+\d+$/, '').trim());
    for (const line of expected) {
      expect(comment).toContain(line);
      expect(cover).toContain(line);
    }
    for (const text of [comment, cover.join('\n')]) expect(text).not.toMatch(/\bRX \d|definition: |table in |footnote \d/);
  });

  it('passes Open XML SDK schema validation (ooxml-validator)', () => {
    for (const b of built) {
      const run = spawnSync(VALIDATOR, [b.redline], { encoding: 'utf8' });
      expect(run.status, `${b.name}: ${run.stdout}${run.stderr}`).toBe(0);
      expect(JSON.parse(run.stdout), b.name).toMatchObject({ ok: true, errors: [] });
    }
  }, 120_000);

  it('LibreOffice opens every redline and sees its changes (text:changed-region)', () => {
    const converted = join(out, 'fodt');
    const profile = temp('lo-profile');
    // Several cases share a file name (RX v2.0 against v1.0): each is converted under its case's name.
    const inputs = join(out, 'fodt-in');
    mkdirSync(inputs, { recursive: true });
    for (const b of built) cpSync(b.redline, join(inputs, `${b.name}.docx`));
    spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'fodt', '--outdir', converted, ...built.map((b) => join(inputs, `${b.name}.docx`))], { stdio: 'ignore', timeout: 240_000 });
    for (const b of built) {
      const fodt = readFileSync(join(converted, `${b.name}.fodt`), 'utf8');
      expect((fodt.match(/<text:changed-region /g) ?? []).length, b.name).toBeGreaterThan(0);
      // One outline heading per heading paragraph, inserted and deleted ones included.
      const headings = (execFileSync('unzip', ['-p', b.redline, 'word/document.xml'], { encoding: 'utf8' }).match(/<w:pStyle w:val="Heading[123]"\/>/g) ?? []).length;
      expect(headings, b.name).toBeGreaterThan(0);
      expect((fodt.match(/<text:h\b/g) ?? []).length, b.name).toBe(headings);
    }
  }, 240_000);
});

describe('regmark redline: PDF', () => {
  it('passes qpdf --check and pdftotext shows the summary, the legend and both old and new words', () => {
    for (const b of built) {
      const check = spawnSync('qpdf', ['--check', b.pdf], { encoding: 'utf8' });
      expect(check.status, `${b.name}: ${check.stdout}`).toBe(0);
    }
    const text = execFileSync('pdftotext', [built.find((b) => b.name === 'edits')!.pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Changes against');
    expect(text).toMatch(/Inserted text.*Deleted text/);
    // A deleted word and the word that replaces it are kept apart by a space, so extracted text does not glue them.
    expect(text).toContain('month quarter on its website');
    expect(text).not.toContain('monthquarter');
    // In the tags, each changed run is a Span that says what it is: a screen reader announces "deleted: month".
    const alts = [...execFileSync('qpdf', ['--json', built.find((b) => b.name === 'edits')!.pdf], { encoding: 'utf8', maxBuffer: 64 << 20 }).matchAll(/"\/Alt": "u:((?:deleted|inserted): [^"]*)"/g)].map((m) => m[1]);
    expect(alts).toContain('deleted: month');
    expect(alts.some((a) => /^inserted: quarter/.test(a!))).toBe(true);
  });

  it('leaves no heading at the foot of a page (pdftotext against the qpdf outline)', () => {
    for (const b of built) expect(headingsAtPageFoot(b.pdf), b.name).toEqual([]);
  });

  it('--changes-only prints only changed clauses under their section headings', async () => {
    const dir = join(out, 'changes-only');
    const r = await regmark('redline', 'RX', '--root', join(FIXTURES, 'edits/new'), '--base', join(FIXTURES, 'edits/base'), '--as-at', AS_AT, '--out', dir, '--format', 'pdf', '--changes-only', '--quiet', '--no-cache');
    expect(r.code, r.err).toBe(0);
    const text = execFileSync('pdftotext', [join(dir, readdirSync(dir)[0]!), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('quarter on its website');
    expect(text).not.toContain('A Widget may be withdrawn by its owner');
  });
});

describe('regmark redline: baselines and bad input', () => {
  it('takes the baseline from a git ref', async () => {
    const repo = temp('git');
    cpSync(join(FIXTURES, 'edits/base'), repo, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Git Person', '-c', 'user.email=g@example.org', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'v1');
    git('tag', 'v1.0');
    cpSync(join(FIXTURES, 'edits/new'), repo, { recursive: true });
    const dir = join(out, 'git');
    const r = await regmark('redline', 'RX', '--root', repo, '--base', 'v1.0', '--as-at', AS_AT, '--out', dir, '--format', 'docx', '--no-cache');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/against v1\.0 \([0-9a-f]{7}\)/);
    expect(readdirSync(dir)).toEqual(['SEC Appendix RX v2.0 redline against v1.0.docx']);
    const bad = await regmark('redline', 'RX', '--root', repo, '--base', 'v9.9', '--out', dir, '--no-cache');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^regmark redline: --base v9\.9: no such commit, branch or tag$/);
    const option = await regmark('redline', 'RX', '--root', repo, '--base=--output=x', '--out', dir, '--no-cache');
    expect(option.code).toBe(1);
    expect(option.err).toMatch(/may not begin with "-"/);
  }, 60_000);

  it('a document missing from the baseline is all inserted, and the cover says so', async () => {
    const dir = join(out, 'missing');
    const r = await regmark('redline', 'RX', '--root', join(FIXTURES, 'edits/new'), '--base', join(FIXTURES, 'retained/base/../../edits/base/../../retained/base'), '--as-at', AS_AT, '--out', dir, '--no-cache');
    expect(r.code, r.err).toBe(0);
    const { root, base: noRx } = rootWithBaseline('no-rx', join(FIXTURES, 'retained/base'));
    // The baseline holds another document only.
    for (const gone of ['documents/RX.md', 'clauses', 'definitions']) rmSync(join(noRx, gone), { recursive: true, force: true });
    const m = await regmark('redline', 'RX', '--root', root, '--base', noRx, '--as-at', AS_AT, '--out', join(dir, 'm'), '--no-cache');
    expect(m.code, m.err).toBe(0);
    expect(m.err).toContain('has no RX; everything is shown as inserted');
    const file = join(dir, 'm', readdirSync(join(dir, 'm')).find((f) => f.endsWith('.docx'))!);
    expect(commentText(file)).toMatch(/the baseline has no SEC Appendix RX, so the whole document is shown as inserted/);
    expect(pandoc(file)).not.toContain('the baseline has no SEC Appendix RX');
    expect(normal(pandoc(file, 'reject')).join(' ')).not.toContain('register of each Widget');
  }, 60_000);

  it('duplicate IDs in the baseline are diagnosed and the redline is still produced', async () => {
    const { root, base } = rootWithBaseline('dup', join(FIXTURES, 'edits/base'));
    const file = join(base, 'clauses/RX/02-widgets.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\n**2.1** A second clause with the same number.\n');
    const r = await regmark('redline', 'RX', '--root', root, '--base', base, '--as-at', AS_AT, '--out', join(out, 'dup'), '--no-cache');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/note: RX: the baseline has a duplicate ID at clauses\/RX\/02-widgets\.md:\d+:\d+/);
  }, 60_000);

  it('binary junk in a baseline file is a note or a clear error, never a crash', async () => {
    const { root, base } = rootWithBaseline('junk', join(FIXTURES, 'edits/base'));
    writeFileSync(join(base, 'clauses/RX/02-widgets.md'), Buffer.from([0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xde, 0xad, 0xbe, 0xef]));
    const r = await regmark('redline', 'RX', '--root', root, '--base', base, '--as-at', AS_AT, '--out', join(out, 'junk'), '--no-cache');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/note: RX: the baseline's clauses\/RX\/02-widgets\.md is not UTF-8 text/);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  }, 60_000);

  it('a cover fact only one side has is a tracked row: Reject All leaves the baseline\u2019s cover', async () => {
    const { root, base } = rootWithBaseline('unversioned', join(FIXTURES, 'edits/base'));
    const manifest = join(base, 'documents/RX.md');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^version: .*\n/m, ''));
    const dir = join(out, 'unversioned');
    const r = await regmark('redline', 'RX', '--root', root, '--base', base, '--as-at', AS_AT, '--out', dir, '--format', 'docx', '--quiet', '--no-cache');
    expect(r.code, r.err).toBe(0);
    const clean = await regmark('build', 'RX', '--root', base, '--as-at', AS_AT, '--out', join(dir, 'base'), '--format', 'docx', '--force', '--quiet', '--no-cache');
    expect(clean.code, clean.err).toBe(0);
    const docx = join(dir, readdirSync(dir).find((f) => f.endsWith('.docx'))!);
    const rejected = normal(pandoc(docx, 'reject'));
    expect(rejected).toEqual(normal(pandoc(join(dir, 'base', 'RX.docx'))));
    expect(rejected.some((l) => /^Version\b/.test(l))).toBe(false);
    expect(normal(pandoc(docx, 'accept'))).toContain('Version 2.0');
  }, 60_000);

  it('a reference that changed between versions is shown on the cover, not refused', async () => {
    const { root, base } = rootWithBaseline('other', join(FIXTURES, 'edits/base'));
    const manifest = join(base, 'documents/RX.md');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('reference: SEC Appendix RX', 'reference: SEC Appendix QQ'));
    const r = await regmark('redline', 'RX', '--root', root, '--base', base, '--as-at', AS_AT, '--out', join(out, 'other'), '--no-cache');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Cover: Version 1.0 → 2.0; Reference SEC Appendix QQ → SEC Appendix RX.');
    const docx = join(out, 'other', readdirSync(join(out, 'other')).find((f) => f.endsWith('.docx'))!);
    expect(commentText(docx)).toContain('Reference changed from SEC Appendix QQ to SEC Appendix RX');
    // The cover's reference is tracked like its facts: rejecting every change gives the baseline's.
    expect(normal(pandoc(docx, 'reject'))[0]).toBe('SEC Appendix QQ');
    expect(normal(pandoc(docx, 'accept'))[0]).toBe('SEC Appendix RX');
  }, 60_000);

  it('usage errors: no --base and no previous, no document, an unknown document', async () => {
    const none = await regmark('redline', 'RX', '--root', join(FIXTURES, 'edits/new'), '--out', join(out, 'none'));
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^regmark redline: RX names no `previous` version in documents\/RX\.md; add `previous:` .* or pass --base REF\|DIR$/);
    expect((await regmark('redline', '--base', 'x', '--root', join(FIXTURES, 'edits/new'))).code).toBe(2);
    const r = await regmark('redline', 'ZZ', '--root', join(FIXTURES, 'edits/new'), '--base', join(FIXTURES, 'edits/base'), '--out', join(out, 'zz'), '--no-cache');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown document ZZ; known: RX/);
  });
});
