/**
 * Interrupted outputs: real `regmark pack` and `regmark build` processes killed at several points (Ctrl-C and
 * SIGKILL). The output folder always holds the previous output or the whole new one, and the next run leaves no
 * staging folder or temporary file behind.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'bin/regmark.js');
const ID = 'CON-2025-09-HANDOVER';
const FIXTURE = join(REPO, 'build/test/fixtures/consultation');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** A copy of the consultation fixture: a code, a paper and its baseline. */
function fixtureRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'regmark-interrupt-'));
  temps.push(root);
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

/** Runs the CLI; kills it with `signal` after `ms` (when given). Resolves with its exit code and signal. */
function regmark(args: string[], kill?: { ms: number; signal: NodeJS.Signals }): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600' } });
    if (kill) setTimeout(() => child.kill(kill.signal), kill.ms);
    child.on('exit', (code, signal) => done({ code, signal }));
  });
}

/** Every file of a folder (not its hidden entries) with its hash. */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
  return Object.fromEntries(names.map((n) => [n, createHash('sha256').update(readFileSync(join(dir, n))).digest('hex')]));
}

/** The pack as its manifest describes it: every listed file there with its hash, and nothing else of ours. */
function wholePack(dir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Array<{ name: string; sha256: string }> };
  const files = snapshot(dir);
  return manifest.files.every((f) => files[f.name] === f.sha256) && Object.keys(files).length === manifest.files.length + 1;
}

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.'));

describe('interrupted pack', () => {
  it('killed at several points, fresh and over an earlier pack: the old pack or the new one, never a mix', async () => {
    const root = fixtureRoot();
    const out = join(root, 'out');
    const pack = join(out, ID);
    // Fresh: nothing, or a whole pack.
    for (const ms of [150, 400, 800]) {
      rmSync(out, { recursive: true, force: true });
      await regmark(['pack', ID, '--root', root, '--out', out, '--no-cache'], { ms, signal: 'SIGINT' });
      if (existsSync(pack)) expect(wholePack(pack), `fresh, SIGINT at ${ms} ms`).toBe(true);
    }
    // Over an earlier pack: killed with SIGINT and with SIGKILL at several points.
    rmSync(out, { recursive: true, force: true });
    expect((await regmark(['pack', ID, '--root', root, '--out', out, '--zip'])).code).toBe(0);
    const before = snapshot(pack);
    const paper = join(root, 'documents', `${ID}.md`);
    // A changed paper, so that a finished pack differs from the earlier one.
    writeFileSync(paper, readFileSync(paper, 'utf8').replace('We will publish the responses', 'We shall publish the responses'));
    for (const [ms, signal] of [[200, 'SIGINT'], [500, 'SIGKILL'], [900, 'SIGINT'], [1300, 'SIGKILL']] as const) {
      await regmark(['pack', ID, '--root', root, '--out', out, '--zip', '--no-cache'], { ms, signal });
      const now = snapshot(pack);
      expect(JSON.stringify(now) === JSON.stringify(before) || wholePack(pack), `${signal} at ${ms} ms`).toBe(true);
    }
    // The next run finishes, and clears whatever the interrupted ones left.
    expect((await regmark(['pack', ID, '--root', root, '--out', out, '--zip'])).code).toBe(0);
    expect(wholePack(pack)).toBe(true);
    expect(leftovers(out)).toEqual([]);
    expect(leftovers(pack)).toEqual([]);
  }, 180_000);

  it('an interrupted build leaves --out as it was, or wholly the new build; the next build leaves nothing temporary', async () => {
    const root = fixtureRoot();
    const out = join(root, 'out');
    const fresh = join(root, 'fresh');
    expect((await regmark(['build', '--root', root, '--as-at', '2025-06-01', '--out', out])).code).toBe(0);
    expect((await regmark(['build', '--root', root, '--as-at', '2026-06-01', '--out', fresh])).code).toBe(0);
    const before = snapshot(out);
    const after = snapshot(fresh);
    for (const [ms, signal] of [[250, 'SIGINT'], [500, 'SIGKILL'], [800, 'SIGINT']] as const) {
      await regmark(['build', '--root', root, '--as-at', '2026-06-01', '--out', out, '--no-cache'], { ms, signal });
      const now = snapshot(out);
      const old = Object.keys(now).every((n) => now[n] === before[n]);
      const whole = Object.keys(after).every((n) => now[n] === after[n]) && Object.keys(now).every((n) => now[n] === after[n] || (after[n] === undefined && now[n] === before[n]));
      expect(old || whole, `${signal} at ${ms} ms`).toBe(true);
    }
    expect((await regmark(['build', '--root', root, '--as-at', '2026-06-01', '--out', out])).code).toBe(0);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);
});
