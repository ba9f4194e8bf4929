/** Hostile input: sources that lead outside the content root through symlinks are never read, checked clean or published. */
import { execFile } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { definitions, manifest } from './ruleTester.js';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../bin/regmark.js');
const CONSULTATION = resolve(import.meta.dirname, 'fixtures/consultation');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

async function regmark(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1735689600' } });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

/** A content root in a temp folder, and a secret file beside it (outside the root). */
function fixture(name: string): { root: string; secret: string } {
  const dir = mkdtempSync(join(tmpdir(), `regmark-safety-${name}-`));
  temps.push(dir);
  const root = join(dir, 'root');
  const files: Record<string, string> = {
    'documents/RX.md': manifest('RX'),
    'definitions/RX.md': definitions('RX', '**Widget** means a small device.\n'),
    'clauses/RX/01-a.md': '## 1 General\n\n**1.1** Each Widget is listed.\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const secret = join(dir, 'secret.md');
  writeFileSync(secret, '## 9 Leak\n\n**9.1** TOP-SECRET-LINE from outside the content root.\n');
  return { root, secret };
}

describe('symlinks that leave the content root', () => {
  it('a clause file linked to a file outside: unsafe-path at the file, exit 1, never read', async () => {
    const { root, secret } = fixture('file');
    symlinkSync(secret, join(root, 'clauses/RX/91-x.md'));
    const r = await regmark('check', '--root', root, '--as-at', '2025-06-01', '--format', 'json', '--no-cache');
    expect(r.code).toBe(1);
    const found = JSON.parse(r.out) as Array<{ code: string; file: string; line: number; message: string }>;
    expect(found).toMatchObject([{ code: 'unsafe-path', file: 'clauses/RX/91-x.md', line: 1, message: expect.stringContaining('outside the content root; it is not read') }]);
    expect(r.out).not.toContain('TOP-SECRET-LINE');
  }, 60_000);

  it('is never published, even with --force: neither the PDF nor the DOCX holds its text', async () => {
    const { root, secret } = fixture('build');
    symlinkSync(secret, join(root, 'clauses/RX/91-x.md'));
    const refused = await regmark('build', 'RX', '--root', root, '--as-at', '2025-06-01', '--out', join(root, 'out'), '--no-cache');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('unsafe-path');
    const forced = await regmark('build', 'RX', '--root', root, '--as-at', '2025-06-01', '--out', join(root, 'out'), '--force', '--no-cache');
    expect(forced.code, forced.err).toBe(0);
    const pdf = (await run('pdftotext', [join(root, 'out/RX.pdf'), '-'])).stdout;
    expect(pdf).toContain('Each Widget is listed');
    expect(pdf).not.toContain('TOP-SECRET-LINE');
    const docx = (await run('pandoc', ['-f', 'docx', '-t', 'plain', join(root, 'out/RX.docx')])).stdout;
    expect(docx).toContain('Each Widget is listed');
    expect(docx).not.toContain('TOP-SECRET-LINE');
  }, 60_000);

  it('a clauses folder linked to a folder outside: every file in it is unsafe-path', async () => {
    const { root, secret } = fixture('folder');
    const outside = join(secret, '..', 'elsewhere');
    mkdirSync(outside);
    writeFileSync(join(outside, '01-a.md'), readFileSync(secret));
    symlinkSync(outside, join(root, 'clauses/SY'));
    writeFileSync(join(root, 'documents/SY.md'), manifest('SY'));
    const r = await regmark('check', '--root', root, '--as-at', '2025-06-01', '--format', 'json', '--no-cache');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject([{ code: 'unsafe-path', file: 'clauses/SY/01-a.md' }]);
  }, 60_000);

  it('fmt leaves a link outside alone, and formats a link inside the root at its target, keeping the link', async () => {
    const { root, secret } = fixture('fmt');
    const before = readFileSync(secret, 'utf8');
    symlinkSync(secret, join(root, 'clauses/RX/91-x.md'));
    writeFileSync(join(root, 'clauses/RX/real.md'), '## 2 Untidy\n\n**2.1**   Text.\n\n* (a) an item\n');
    symlinkSync('real.md', join(root, 'clauses/RX/02-linked.md'));
    const r = await regmark('fmt', '--root', root);
    expect(r.out + r.err).toContain('clauses/RX/91-x.md  not formatted: unsafe-path');
    expect(readFileSync(secret, 'utf8')).toBe(before);
    expect(lstatSync(join(root, 'clauses/RX/91-x.md')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(root, 'clauses/RX/02-linked.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'clauses/RX/02-linked.md'))).toBe('real.md');
    expect(readFileSync(join(root, 'clauses/RX/real.md'), 'utf8')).toBe('## 2 Untidy\n\n**2.1** Text.\n\n- (a) an item\n');
  }, 60_000);

  it('house style files that lead outside: a boilerplate symlink, and a theme naming ../ files, stop the build', async () => {
    const { root, secret } = fixture('templates');
    const own = resolve(import.meta.dirname, '../../templates');
    mkdirSync(join(root, 'templates'));
    for (const f of ['theme.json', 'cover.md', 'notice-consultation.md', 'notice-draft.md']) writeFileSync(join(root, 'templates', f), readFileSync(join(own, f)));
    for (const f of ['consultation']) mkdirSync(join(root, 'templates', f));
    rmSync(join(root, 'templates/cover.md'));
    symlinkSync(secret, join(root, 'templates/cover.md'));
    const linked = await regmark('build', 'RX', '--root', root, '--as-at', '2025-06-01', '--out', join(root, 'out'), '--force', '--no-cache');
    expect(linked.code).toBe(1);
    expect(linked.err).toMatch(/templates\/cover\.md: unsafe-path: leads to .*secret\.md, outside the templates folder; it is not read/);
    rmSync(join(root, 'templates/cover.md'));
    const theme = JSON.parse(readFileSync(join(own, 'theme.json'), 'utf8')) as { templates: { cover: string } };
    theme.templates.cover = '../../secret.md';
    writeFileSync(join(root, 'templates/theme.json'), JSON.stringify(theme));
    const named = await regmark('build', 'RX', '--root', root, '--as-at', '2025-06-01', '--out', join(root, 'out'), '--force', '--no-cache');
    expect(named.code).toBe(1);
    expect(named.err).toMatch(/`templates\.cover`: expected the name of a Markdown file in templates\//);
    expect(named.out + named.err).not.toContain('TOP-SECRET-LINE');
  }, 60_000);

});

describe('pathological nesting', () => {
  it('3,000 nested emphasis runs: a located unreadable-file in check, and no command crashes on it', async () => {
    const { root } = fixture('nesting');
    const deep = '## 9 Deep\n\n**9.1** ' + '*a '.repeat(3000) + 'x' + ' b*'.repeat(3000) + '\n';
    writeFileSync(join(root, 'clauses/RX/09-deep.md'), deep);
    const check = await regmark('check', '--root', root, '--as-at', '2025-06-01', '--format', 'json', '--no-cache');
    expect(check.code).toBe(1);
    expect(JSON.parse(check.out)).toMatchObject([{ code: 'unreadable-file', file: 'clauses/RX/09-deep.md', line: 3, message: expect.stringMatching(/emphasis opens inside emphasis more than 250 times here; the file is not read/) }]);
    const base = join(root, 'baseline');
    mkdirSync(base);
    for (const d of ['documents', 'clauses', 'definitions']) (await run('cp', ['-r', join(root, d), base]));
    rmSync(join(base, 'clauses/RX/09-deep.md'));
    for (const args of [
      ['build', 'RX', '--root', root, '--as-at', '2025-06-01', '--out', join(root, 'out'), '--force'],
      ['fmt', '--check', '--root', root],
      ['redline', 'RX', '--root', root, '--base', base, '--as-at', '2025-06-01', '--out', join(root, 'red')],
    ]) {
      const r = await regmark(...args);
      expect(r.out + r.err, args[0]).not.toMatch(/internal error|Maximum call stack/);
      expect([0, 1], `${args[0]}: ${r.err}`).toContain(r.code);
    }
  }, 120_000);

  it('a consultation paper nested too deep: pack names the file and the problem, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-safety-paper-'));
    temps.push(dir);
    await run('cp', ['-r', `${CONSULTATION}/.`, dir]);
    const paper = join(dir, 'documents/CON-2025-09-HANDOVER.md');
    writeFileSync(paper, readFileSync(paper, 'utf8') + '\n\nDeep ' + '*a '.repeat(3000) + 'x' + ' b*'.repeat(3000) + '\n');
    const r = await regmark('pack', 'CON-2025-09-HANDOVER', '--root', dir, '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('regmark pack: documents/CON-2025-09-HANDOVER.md cannot be read: unreadable-file: emphasis opens inside emphasis more than 250 times here; the file is not read (run `regmark check` for the place)');
  }, 120_000);

  it("a baseline folder outside the content root is unsafe-path, written as baseline: or typed as --base", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-safety-baseline-'));
    temps.push(dir);
    const root = join(dir, 'root');
    mkdirSync(root);
    await run('cp', ['-r', `${CONSULTATION}/.`, root]);
    await run('mv', [join(root, 'baseline'), join(dir, 'outside-base')]);
    const paper = join(root, 'documents/CON-2025-09-HANDOVER.md');
    writeFileSync(paper, readFileSync(paper, 'utf8').replace('baseline: baseline', 'baseline: ../outside-base'));
    const refused = await regmark('pack', 'CON-2025-09-HANDOVER', '--root', root, '--out', join(dir, 'out'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^regmark pack: baseline: \.\.\/outside-base: unsafe-path: the folder resolves to .*outside-base, outside the content root's folder; it is not read: copy the folder into the content root \(e\.g\. versions\/<name>\/\) and name that$/m);
    const typed = await regmark('pack', 'CON-2025-09-HANDOVER', '--root', root, '--out', join(dir, 'out'), '--base', join(dir, 'outside-base'));
    expect(typed.code).toBe(1);
    expect(typed.err).toMatch(/^regmark pack: --base .*outside-base: unsafe-path: the folder resolves to .*outside the content root's folder; it is not read: copy the folder into the content root/);
    const redline = await regmark('redline', 'ZN', '--root', root, '--out', join(dir, 'red'), '--base', join(dir, 'outside-base'));
    expect(redline.code).toBe(1);
    expect(redline.err).toContain('unsafe-path');
    // In a repository the way in is a copy inside it, or a commit there named by its git ref.
    await run('git', ['init', '-q', root]);
    const inRepo = await regmark('redline', 'ZN', '--root', root, '--out', join(dir, 'red'), '--base', join(dir, 'outside-base'));
    expect(inRepo.code).toBe(1);
    expect(inRepo.err.trim()).toMatch(/outside the content root's repository; it is not read: copy the folder into the repository \(e\.g\. versions\/<name>\/ under the content root\) and name that, or commit the baseline in this repository and name its git ref \(a tag, branch or commit\)$/);
  }, 120_000);
});
