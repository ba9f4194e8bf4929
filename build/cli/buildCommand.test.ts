import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { Io } from './io.js';

const FIXTURES = join(import.meta.dirname, '../test/fixtures');
/** ZA and ZN stay in force; ZO ends on 2025-12-31, after its provisions were retained into ZN and ZC. */
const ROOT = join(FIXTURES, 'consultation');
const BEFORE = join(FIXTURES, 'before-retention');
const EDGE = join(FIXTURES, 'render-edge');

async function regmark(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), color: false };
  const code = await main(['build', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `regmark-${prefix}-`));

/** One clear line, no stack trace. */
function oneLine(err: string, pattern: RegExp): void {
  expect(err.trim().split('\n')).toHaveLength(1);
  expect(err).toMatch(pattern);
  expect(err).not.toMatch(/\n\s+at /);
}

const savedEpoch = process.env.SOURCE_DATE_EPOCH;
afterEach(() => {
  if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = savedEpoch;
});

describe('regmark build: bad input is one line and exit 1 (a wrong argument, 2)', () => {
  it('an unknown document', async () => {
    const r = await regmark('XX', '--root', ROOT, '--out', temp('out'));
    // A document the root does not have is a wrong argument: a usage error.
    expect(r.code).toBe(2);
    oneLine(r.err, /^regmark build: unknown document XX; known: ZA, ZC, ZN, ZO$/);
  });

  it('a document not in force on the as-at date', async () => {
    const r = await regmark('ZO', '--root', ROOT, '--as-at', '2026-01-01', '--out', temp('out'));
    expect(r.code).toBe(1);
    oneLine(r.err, /ZO is not in force on 2026-01-01 \(in force 2020-01-01 to 2025-12-31\)/);
  });

  it('an --out that cannot be written', async () => {
    const dir = temp('file');
    writeFileSync(join(dir, 'plain-file'), '');
    const r = await regmark('ZN', '--root', ROOT, '--as-at', '2025-06-01', '--out', join(dir, 'plain-file', 'out'));
    expect(r.code).toBe(1);
    oneLine(r.err, /--out .*plain-file\/out: cannot write there \(ENOTDIR\)/);
  });

  it('a theme file with an unknown key', async () => {
    const templates = temp('templates');
    writeFileSync(join(templates, 'theme.json'), JSON.stringify({ colours: { heading: '003366', background: 'FFFFFF' } }));
    const r = await regmark('ZN', '--root', ROOT, '--as-at', '2025-06-01', '--templates', templates, '--out', temp('out'));
    expect(r.code).toBe(1);
    oneLine(r.err, /theme\.json: unknown key `colours\.background` \(known in `colours`: text, heading/);
  });

  it('a missing template', async () => {
    const templates = temp('templates');
    writeFileSync(join(templates, 'theme.json'), JSON.stringify({ templates: { cover: 'front.md' } }));
    const r = await regmark('ZN', '--root', ROOT, '--as-at', '2025-06-01', '--templates', templates, '--out', temp('out'));
    expect(r.code).toBe(1);
    oneLine(r.err, /front\.md: missing template \(templates\.cover in theme\.json\)/);
  });

  it('an unknown format', async () => {
    const r = await regmark('ZN', '--root', ROOT, '--format', 'docx,odt');
    expect(r.code).toBe(2);
    oneLine(r.err, /unknown format `odt` \(known: docx, pdf, xlsx\)/);
  });

  it('a bad SOURCE_DATE_EPOCH', async () => {
    process.env.SOURCE_DATE_EPOCH = 'soon';
    const r = await regmark('ZN', '--root', ROOT, '--as-at', '2025-06-01', '--out', temp('out'));
    expect(r.code).toBe(1);
    oneLine(r.err, /SOURCE_DATE_EPOCH=soon/);
  });
});

describe('regmark build: check gates the build', () => {
  it('refuses when check has errors on the as-at date, printing them, and writes nothing', async () => {
    const out = temp('out');
    const r = await regmark('--root', BEFORE, '--as-at', '2026-01-01', '--format', 'docx', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('dangling-definition');
    expect(r.err).toMatch(/clauses\/AM\/13-pre-migration-configuration\.md:\d+:\d+/);
    expect(r.err.trim().split('\n').at(-1)).toMatch(/not built: check finds 11 errors, 0 warnings on 2026-01-01 .*--force/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('is gated by the check index: an edit that breaks a reference stops the next build, and its repair lets it through', async () => {
    const root = temp('indexed');
    cpSync(BEFORE, root, { recursive: true });
    process.env.SOURCE_DATE_EPOCH = '1760691600';
    const build = (out: string) => regmark('AM', '--root', root, '--as-at', '2025-10-17', '--format', 'docx', '--out', out, '--quiet');
    const first = temp('out');
    expect((await build(first)).code).toBe(0);
    expect(readdirSync(join(root, '.regmark-cache'))).toContain('check-index.bin');
    const path = join(root, 'clauses/AM/13-pre-migration-configuration.md');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('looking up the GroupID recorded', 'looking up the GroupID recorded under [[AM 99.99]]'));
    const broken = await build(temp('out'));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/clauses\/AM\/13-pre-migration-configuration\.md:\d+:\d+ +error +unresolved-reference/);
    writeFileSync(path, text);
    const again = temp('out');
    expect((await build(again)).code).toBe(0);
    expect(readFileSync(join(again, 'AM.docx'))).toEqual(readFileSync(join(first, 'AM.docx')));
  }, 60_000);

  it('renders a named document from the index (its own files in full, the others as shapes) exactly as from a full read', async () => {
    process.env.SOURCE_DATE_EPOCH = '1760691600';
    for (const [fixture, asAt, docs] of [[ROOT, '2025-10-01', ['ZA', 'ZC', 'ZN', 'ZO']], [BEFORE, '2025-10-17', ['A', 'AC', 'AL', 'AM']], [EDGE, '2025-06-01', ['EX', 'EY']]] as const) {
      const root = temp('focus');
      cpSync(fixture, root, { recursive: true });
      for (const doc of docs) {
        const build = (out: string, ...extra: string[]) => regmark(doc, '--root', root, '--as-at', asAt, '--format', 'docx,pdf', '--out', out, '--force', '--quiet', ...extra);
        const plain = temp('out');
        expect((await build(plain, '--no-cache')).code, `${doc} without the cache`).toBe(0);
        // The first build with the cache writes the index; the second reads it.
        for (let round = 0; round < 2; round++) {
          const indexed = temp('out');
          expect((await build(indexed)).code).toBe(0);
          expect(readdirSync(indexed).sort()).toEqual(readdirSync(plain).sort());
          for (const name of readdirSync(plain)) expect(readFileSync(join(indexed, name)).equals(readFileSync(join(plain, name))), `${doc}: ${name}, round ${round}`).toBe(true);
        }
      }
    }
  }, 240_000);

  it('builds anyway with --force', async () => {
    const out = temp('out');
    const r = await regmark('--root', BEFORE, '--as-at', '2026-01-01', '--format', 'docx', '--out', out, '--force', '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).toContain('--force: building despite 11 errors');
    expect(readdirSync(out).sort()).toEqual(['A.docx', 'AC.docx', 'AM-annex-A.docx', 'AM.docx']);
  }, 30_000);

  it('builds every document in force by default, says which it skipped, and leaves no temporary files', async () => {
    const out = temp('out');
    const r = await regmark('--root', ROOT, '--as-at', '2026-01-01', '--format', 'docx', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('skipped ZO: not in force on 2026-01-01 (in force 2020-01-01 to 2025-12-31)');
    expect(r.out).toMatch(/built 3 documents, 3 files in/);
    expect(readdirSync(out).sort()).toEqual(['ZA.docx', 'ZC.docx', 'ZN.docx']);
  }, 30_000);

  it('reports content it cannot render, and what it left out', async () => {
    const r = await regmark('EX', '--root', EDGE, '--as-at', '2025-06-01', '--format', 'docx', '--out', temp('out'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/clauses\/EX\/01-scope\.md:32:1  warning  unsupported-content  images are not rendered yet/);
    expect(r.out).toContain('EX: left out, not in force on 2025-06-01: EX 1.3, EX 1.4');
  }, 30_000);
});

describe('regmark build: what the fonts cannot show', () => {
  it('names the characters the PDF font has no glyph for', async () => {
    const root = temp('cjk');
    cpSync(EDGE, root, { recursive: true });
    const file = join(root, 'clauses/EX/01-scope.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('A plain paragraph under a plain heading.', 'A plain paragraph with 中文 in it.'));
    const r = await regmark('EX', '--root', root, '--as-at', '2025-06-01', '--format', 'pdf', '--out', temp('out'));
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: EX.pdf: DejaVu Sans has no glyph for 2 characters, shown as empty boxes: U+4E2D 中, U+6587 文');
  }, 30_000);
});

describe('regmark build: output', () => {
  it('writes DOCX and PDF that are byte-identical from one build to the next', async () => {
    process.env.SOURCE_DATE_EPOCH = '1735689600';
    const a = temp('a');
    const b = temp('b');
    mkdirSync(join(b, 'nested'));
    for (const out of [a, join(b, 'nested')]) {
      const r = await regmark('--root', EDGE, '--as-at', '2025-06-01', '--out', out, '--quiet');
      expect(r.code).toBe(0);
    }
    const names = readdirSync(a).sort();
    expect(names).toEqual(['EX.docx', 'EX.pdf', 'EY.docx', 'EY.pdf']);
    for (const name of names) expect(readFileSync(join(a, name)).equals(readFileSync(join(b, 'nested', name))), name).toBe(true);
  }, 60_000);

  it('prints help', async () => {
    const r = await regmark('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^regmark build \[DOC…\]/);
  });
});
