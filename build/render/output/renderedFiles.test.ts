/**
 * Files drawn before, through the real CLI: a build or pack with the cache gives the same bytes as one without it
 * (fixtures, an edited clause, another theme, other documents in the build, a re-pack after an annex is edited), and
 * takes from the cache exactly what it drew before. That it took a file from the cache is shown by planting other
 * bytes in the file's entry first: they come out.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../test/cliHarness.js';
import { cleanRoots, manifest, writeRoot } from '../../test/ruleTester.js';
import { drawingPackages, keepRendered } from './renderedFiles.js';

const REPO = join(import.meta.dirname, '../../..');
const EPOCH = '1760659200';
const made: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), `regmark-${prefix}-`));
  made.push(dir);
  return dir;
};

/** Every file of a folder (not below it), by name. */
const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => [e.name, readFileSync(join(dir, e.name))]));

/** The cache's entries as [path, key, the file's bytes]. */
function entries(root: string): Array<[path: string, key: string, bytes: Buffer]> {
  const dir = join(root, '.regmark-cache', 'rendered');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((n) => n.endsWith('.out'))
    .map((n) => {
      // The header's length and the CRC (8 bytes), the header, the file's bytes, then any deflated zip entry.
      const data = readFileSync(join(dir, n));
      const at = 8 + data.readUInt32LE(0);
      const header = JSON.parse(data.subarray(8, at).toString('utf8')) as { length: number };
      return [join(dir, n), n.split('/')[1]!.slice(0, -'.out'.length), data.subarray(at, at + header.length)];
    });
}

/** Plants `bytes` in the entry that holds `file`'s bytes. */
async function plant(root: string, file: Buffer, bytes: Buffer): Promise<void> {
  const entry = entries(root).find(([, , b]) => b.equals(file));
  expect(entry, 'an entry holds the file').toBeDefined();
  await keepRendered(join(root, '.regmark-cache'), entry![1], { bytes, warnings: [] });
}

const clauses = (word: string) => `## 1 General\n\n**1.1** The Operator shall keep a ${word} register of meters.\n\n**1.2** The Operator shall publish the register each month.\n`;

function twoDocuments(word = 'written'): Record<string, string> {
  return {
    'documents/QA.md': manifest('QA'),
    'clauses/QA/01-general.md': clauses(word),
    'documents/QB.md': manifest('QB'),
    'clauses/QB/01-links.md': '## 1 Links\n\n**1.1** The register of [[QA 1.1]] is kept as [[QA 1.2]] says.\n',
  };
}

let previousEpoch: string | undefined;
beforeAll(() => {
  previousEpoch = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = EPOCH;
});
afterAll(async () => {
  if (previousEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = previousEpoch;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  await cleanRoots();
});

async function build(root: string, docs: string[], out: string, ...more: string[]): Promise<Record<string, Buffer>> {
  const r = await run(['build', ...docs, '--root', root, '--as-at', '2025-06-01', '--out', out, '--force', ...more]);
  expect(r.code, r.err + r.out).toBe(0);
  return filesOf(out);
}

describe('files drawn before', () => {
  it('are keyed by the versions of every package that draws or embeds, each found', () => {
    const versions = drawingPackages();
    expect(Object.keys(versions)).toEqual(expect.arrayContaining(['pdfkit', 'fontkit', 'docx', 'dejavu-fonts-ttf']));
    for (const [name, version] of Object.entries(versions)) expect(version, name).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('are taken from the cache when nothing they were drawn from changed, and are the bytes drawn without it', async () => {
    const root = await writeRoot(twoDocuments());
    const first = await build(root, ['QA'], temp('first'));
    expect(Object.keys(first).sort()).toEqual(['QA.docx', 'QA.pdf']);
    expect(entries(root)).toHaveLength(2);
    expect(first).toEqual(await build(root, ['QA'], temp('plain'), '--no-cache'));
    await plant(root, first['QA.pdf']!, Buffer.from('%PDF-planted'));
    const again = await build(root, ['QA'], temp('again'));
    expect(again['QA.pdf']!.toString()).toBe('%PDF-planted');
    expect(again['QA.docx']).toEqual(first['QA.docx']);
  });

  it('are drawn again when a clause, the theme or the other documents of the build change', async () => {
    const root = await writeRoot(twoDocuments());
    const first = await build(root, ['QA'], temp('first'));
    for (const [, key] of entries(root)) await keepRendered(join(root, '.regmark-cache'), key, { bytes: Buffer.from('planted'), warnings: [] });
    // The text of a clause.
    writeFileSync(join(root, 'clauses/QA/01-general.md'), clauses('printed'));
    const edited = await build(root, ['QA'], temp('edited'));
    expect(edited).toEqual(await build(root, ['QA'], temp('edited-plain'), '--no-cache'));
    expect(edited['QA.pdf']).not.toEqual(first['QA.pdf']);
    // The house style.
    cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
    const theme = JSON.parse(readFileSync(join(root, 'templates/theme.json'), 'utf8')) as { colours?: Record<string, string> };
    writeFileSync(join(root, 'templates/theme.json'), JSON.stringify({ ...theme, colours: { ...theme.colours, heading: '7A1F5C' } }));
    const restyled = await build(root, ['QA'], temp('restyled'));
    expect(restyled).toEqual(await build(root, ['QA'], temp('restyled-plain'), '--no-cache'));
    expect(restyled['QA.pdf']).not.toEqual(edited['QA.pdf']);
    // Another document in the build: QB's links into QA now name QA's file.
    const both = await build(root, ['QA', 'QB'], temp('both'));
    expect(both).toEqual(await build(root, ['QA', 'QB'], temp('both-plain'), '--no-cache'));
    const alone = await build(root, ['QB'], temp('alone'));
    expect(alone['QB.pdf']).not.toEqual(both['QB.pdf']);
    expect(alone).toEqual(await build(root, ['QB'], temp('alone-plain'), '--no-cache'));
  });

  it('are drawn again from an entry cut short or with a byte changed, which is made whole', async () => {
    const root = await writeRoot(twoDocuments());
    const first = await build(root, ['QA'], temp('first'));
    const whole = () => entries(root).map(([, , bytes]) => bytes.toString('base64')).sort();
    const kept = whole();
    for (const [path] of entries(root)) truncateSync(path, 100);
    expect(await build(root, ['QA'], temp('again'))).toEqual(first);
    expect(whole()).toEqual(kept);
    for (const [path] of entries(root)) {
      const data = readFileSync(path);
      data[data.length - 200] ^= 0x20;
      writeFileSync(path, data);
    }
    expect(await build(root, ['QA'], temp('flipped'))).toEqual(first);
    expect(whole()).toEqual(kept);
  });

  it('are kept for what the last run drew, and for earlier runs only while they take no more room', async () => {
    const root = await writeRoot(twoDocuments());
    for (const word of ['written', 'printed', 'bound', 'filed', 'sealed']) {
      writeFileSync(join(root, 'clauses/QA/01-general.md'), clauses(word));
      const drawn = await build(root, ['QA'], temp(word));
      const kept = entries(root);
      expect(kept.length).toBeLessThanOrEqual(4);
      for (const bytes of Object.values(drawn)) expect(kept.some(([, , b]) => b.equals(bytes))).toBe(true);
    }
  });

  it('are the same bytes for every fixture drawn through the cache, from it, and without it', async () => {
    for (const fixture of ['before-retention', 'render-edge']) {
      const root = temp(fixture);
      cpSync(join(REPO, 'build/test/fixtures', fixture), root, { recursive: true, filter: (src) => !src.includes('.regmark-cache') });
      const drawn = await build(root, [], temp('drawn'));
      expect(Object.keys(drawn).length).toBeGreaterThan(2);
      expect(await build(root, [], temp('taken'))).toEqual(drawn);
      expect(await build(root, [], temp('plain'), '--no-cache')).toEqual(drawn);
    }
  }, 120_000);

  it('give a re-pack its files, their SHA-256 and their zip entries as a pack without the cache makes them', async () => {
    const root = temp('zip');
    cpSync(join(REPO, 'build/test/fixtures/consultation'), root, { recursive: true, filter: (src) => !src.includes('.regmark-cache') });
    const ID = 'CON-2025-09-HANDOVER';
    const pack = async (out: string, ...more: string[]) => {
      const r = await run(['pack', ID, '--root', root, '--out', out, '--quiet', '--zip', ...more]);
      expect(r.code, r.err + r.out).toBe(0);
      return { files: filesOf(join(out, ID)), zip: readFileSync(join(out, `${ID}.zip`)), zipPath: join(out, `${ID}.zip`) };
    };
    const drawn = await pack(temp('drawn'));
    const taken = await pack(temp('taken'));
    const plain = await pack(temp('plain'), '--no-cache');
    expect(taken.zip.equals(plain.zip)).toBe(true);
    expect(drawn.zip.equals(plain.zip)).toBe(true);
    execFileSync('unzip', ['-tq', taken.zipPath]);
    // Planted bytes (an entry with no zip entry yet, as a build leaves one) come out in the folder, in the zip and in
    // the manifest's SHA-256 alike.
    const name = Object.keys(drawn.files).find((n) => / ZN .*\.pdf$/.test(n) && !n.includes('Annex'))!;
    await plant(root, drawn.files[name]!, Buffer.from('%PDF-planted for the zip'));
    const planted = await pack(temp('planted'));
    expect(planted.files[name]!.toString()).toBe('%PDF-planted for the zip');
    expect(execFileSync('unzip', ['-p', planted.zipPath, `${ID}/${name}`], { encoding: 'utf8' })).toBe('%PDF-planted for the zip');
    const listed = (JSON.parse(planted.files['manifest.json']!.toString('utf8')) as { files: Array<{ name: string; sha256: string }> }).files.find((f) => f.name === name);
    expect(listed?.sha256).toBe(createHash('sha256').update('%PDF-planted for the zip').digest('hex'));
  }, 120_000);

  it('lets a re-pack draw only what an edit of one annex changed', async () => {
    const root = temp('pack');
    cpSync(join(REPO, 'build/test/fixtures/consultation'), root, { recursive: true, filter: (src) => !src.includes('.regmark-cache') });
    const pack = async (out: string, ...more: string[]) => {
      const r = await run(['pack', 'CON-2025-09-HANDOVER', '--root', root, '--out', out, '--quiet', ...more]);
      expect(r.code, r.err + r.out).toBe(0);
      return filesOf(join(out, 'CON-2025-09-HANDOVER'));
    };
    const first = await pack(temp('first'));
    const zn = Object.keys(first).filter((n) => / ZN .*\.(pdf|docx)$/.test(n) && !n.includes('Annex'));
    const zc = Object.keys(first).filter((n) => / ZC .*\.(pdf|docx)$/.test(n) && !n.includes('Annex'));
    expect(zn).toHaveLength(4);
    expect(zc).toHaveLength(4);
    for (const name of zn) await plant(root, first[name]!, Buffer.from(`planted ${name}`));
    writeFileSync(join(root, 'clauses/ZC/06-batches.md'), readFileSync(join(root, 'clauses/ZC/06-batches.md'), 'utf8').replace('a single reference', 'one reference'));
    const again = await pack(temp('again'));
    const plain = await pack(temp('plain'), '--no-cache');
    // ZN's files were taken from the cache (the planted bytes); ZC's, edited, were drawn again.
    for (const name of zn) expect(again[name]!.toString(), name).toBe(`planted ${name}`);
    for (const name of zc) {
      expect(again[name], name).toEqual(plain[name]);
      expect(again[name], name).not.toEqual(first[name]);
    }
  }, 120_000);
});
