import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entriesUnder, trimEntries } from './cacheTrim.js';

const dir = mkdtempSync(join(tmpdir(), 'regmark-trim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(sub: string, key: string, bytes: number, hoursAgo: number): string {
  mkdirSync(join(dir, sub), { recursive: true });
  const path = join(dir, sub, `${key}.json`);
  writeFileSync(path, 'x'.repeat(bytes));
  const at = Date.now() / 1000 - hoursAgo * 3600;
  utimesSync(path, at, at);
  return path;
}

describe('trimEntries', () => {
  it('keeps what is needed, then the newest others within the needed size, and removes the rest', async () => {
    const needed = [entry('n1', 'need1', 300, 500), entry('n2', 'need2', 200, 600)];
    const newest = entry('o1', 'other1', 250, 1);
    const next = entry('o2', 'other2', 250, 2);
    const older = entry('o3', 'other3', 10, 3);
    const oldest = entry('o4', 'other4', 10, 4);
    // Not a key by the caller's rule, and a file at another depth: neither is listed, so neither is touched.
    const foreign = entry('o5', 'notes', 5_000, 9);
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    writeFileSync(join(dir, 'deep', 'er', 'other9.json'), 'x'.repeat(5_000));
    const entries = await entriesUnder(dir, '.json', (key) => /^(need|other)\d$/.test(key));
    expect(entries.map((e) => e.key).sort()).toEqual(['need1', 'need2', 'other1', 'other2', 'other3', 'other4']);
    // Budget 500 bytes: other1 (250) and other2 (500 in all) stay; other3 would make 510.
    expect(await trimEntries(entries, new Set(['need1', 'need2']))).toBe(2);
    for (const p of [...needed, newest, next, foreign, join(dir, 'deep', 'er', 'other9.json')]) expect(existsSync(p), p).toBe(true);
    for (const p of [older, oldest]) expect(existsSync(p), p).toBe(false);
    // Nothing beyond the budget: nothing removed; an entry gone meanwhile is no error.
    rmSync(newest);
    expect(await trimEntries(await entriesUnder(dir, '.json', (key) => /^(need|other)\d$/.test(key)), new Set(['need1', 'need2']))).toBe(0);
  });
});
