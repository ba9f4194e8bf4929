/** Usage errors exit 2 in every command, with one line on stderr and never a stack trace; an empty corpus says what is missing. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../bin/regmark.js');
const FIXTURE = resolve(import.meta.dirname, 'fixtures/before-retention');

async function regmark(...args: string[]): Promise<{ code: number; err: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args]);
    return { code: 0, err: r.stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, err: e.stderr };
  }
}

const COMMANDS: Array<[string, string[]]> = [
  ['check', []],
  ['build', ['AM']],
  ['redline', ['AM']],
  ['pack', ['CON-X']],
  ['impact', ['AL']],
  ['uses', ['GroupID']],
  ['fmt', []],
  ['retain', ['AL 7.2', '--into', 'AM']],
];

describe('exit codes', () => {
  it.each(COMMANDS)('%s: an unknown option and a --root that does not exist exit 2 with one line', async (command, args) => {
    for (const bad of [['--root', FIXTURE, '--no-such-option'], ['--root', '/no/such/folder']]) {
      const r = await regmark(command, ...args, ...bad);
      expect(r.code, `${command} ${bad.join(' ')}: ${r.err}`).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(new RegExp(`^regmark ${command}: `));
      expect(r.err).not.toMatch(/internal error|\n\s+at /);
    }
  }, 60_000);
});

describe('a wrong argument is a usage error in every command', () => {
  it('an unknown document, consultation or format exits 2 with one line, suggesting the nearest', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['build', 'AX'], /^regmark build: unknown document AX; known: .*did you mean `A[A-Z]?`/],
      [['redline', 'ZZ'], /^regmark redline: unknown document ZZ; known: /],
      [['impact', 'ZZ'], /^regmark impact: no document ZZ; known: /],
      [['pack', 'CON-NOPE'], /^regmark pack: no consultation CON-NOPE /],
      [['build', 'AM', '--format', 'html'], /^regmark build: --format html: unknown format `html` \(known: docx, pdf, xlsx\)$/],
      [['redline', 'AM', '--format', 'pdff'], /^regmark redline: --format pdff: unknown format `pdff` .*; did you mean `pdf`\?$/],
      [['check', '--format', 'sarf'], /^regmark check: --format sarf: expected one of /],
      [['retain', 'XL 7.2', '--to', 'AM 9.1', '--dry-run'], /^regmark retain: no document XL \(known: A, AC, AL, AM\); did you mean `AL`\?$/],
      [['retain', 'AL 7.2', '--to', 'ZZ 9.1', '--dry-run'], /^regmark retain: --to ZZ 9\.1: no document ZZ \(known: /],
      [['check', '--as_at', '2025-01-01'], /^regmark check: Unknown option '--as_at'; did you mean `--as-at`\?$/],
      [['build', 'AM', '--as_at=2025-01-01'], /^regmark build: Unknown option '--as_at'; did you mean `--as-at`\?$/],
    ];
    const out = mkdtempSync(join(tmpdir(), 'regmark-args-'));
    try {
      for (const [args, message] of cases) {
        const r = await regmark(...args, '--root', FIXTURE, ...(['build', 'redline', 'pack'].includes(args[0]!) ? ['--out', out] : []));
        expect({ args, code: r.code }).toEqual({ args, code: 2 });
        expect(r.err.trim().split('\n')).toHaveLength(1);
        expect(r.err.trim()).toMatch(message);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('a --root that is a file says it is not a folder', async () => {
    const r = await regmark('check', '--root', join(FIXTURE, 'documents/AM.md'));
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^regmark check: --root .*AM\.md: is a file, not a folder; /);
  });
});

describe('an empty or nearly empty corpus says what is missing', () => {
  it('no manifests, an empty clause file, an empty definitions file, no terms', async () => {
    const root = mkdtempSync(join(tmpdir(), 'regmark-empty-'));
    try {
      mkdirSync(join(root, 'documents'));
      const out = async (...args: string[]) => {
        try {
          const r = await run(process.execPath, [BIN, ...args]);
          return { code: 0, text: r.stdout + r.stderr };
        } catch (error) {
          const e = error as { code: number; stdout: string; stderr: string };
          return { code: e.code, text: e.stdout + e.stderr };
        }
      };
      expect((await out('check', '--root', root)).text).toContain('note: no documents: put one manifest per document in documents/<DOC>.md');
      expect((await out('impact', 'AL', '--root', root)).text).toMatch(/no document AL: .* has no manifests in documents\/ yet/);
      expect((await out('build', '--root', root, '--out', join(root, 'out'))).text).toContain('nothing to build: there are no manifests in documents/');
      expect((await out('uses', 'Widget', '--root', root)).text).toContain('no document defines any term yet');
      mkdirSync(join(root, 'clauses/RX'), { recursive: true });
      mkdirSync(join(root, 'definitions'));
      writeFileSync(join(root, 'documents/RX.md'), '---\nid: RX\ntitle: RX\n---\n');
      writeFileSync(join(root, 'clauses/RX/01-a.md'), '  \n\n');
      writeFileSync(join(root, 'definitions/RX.md'), '---\ndocument: RX\n---\n');
      const r = await out('check', '--root', root);
      expect(r.code).toBe(0);
      expect(r.text).toContain('note: clauses/RX/01-a.md holds no section or clause');
      expect(r.text).toContain('note: definitions/RX.md defines no term');
      expect(r.text).toMatch(/^checked 1 document, /m);
      expect((await out('impact', 'RQ', '--root', root)).text).toContain('no document RQ; known: RX; did you mean `RX`?');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
