import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWritableDir, writeFileAtomic } from '../../files/atomicWrite.js';
import { FIXED_EPOCH, resolveSourceDate, SourceDateError } from './sourceDate.js';
import { clearLeftovers } from './staging.js';

describe('resolveSourceDate', () => {
  it('takes SOURCE_DATE_EPOCH first', () => {
    expect(resolveSourceDate('/nonexistent', { SOURCE_DATE_EPOCH: '1700000000' })).toEqual({ date: new Date(1700000000 * 1000), from: 'SOURCE_DATE_EPOCH' });
  });

  it('rejects a SOURCE_DATE_EPOCH that is not whole seconds', () => {
    expect(() => resolveSourceDate('/nonexistent', { SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(SourceDateError);
  });

  it('falls back to the fixed epoch outside git', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-date-'));
    expect(resolveSourceDate(dir, {})).toEqual({ date: new Date(FIXED_EPOCH * 1000), from: 'fixed' });
  });

  it('uses the last commit of the content in a git checkout', () => {
    const here = resolveSourceDate(join(import.meta.dirname, '../../..'), {});
    expect(['git', 'fixed']).toContain(here.from);
    expect(here.date.getTime() % 1000).toBe(0);
  });
});

describe('writeFileAtomic', () => {
  it('writes the whole file and leaves no temporary file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-atomic-'));
    const path = join(dir, 'deep', 'er', 'AM.docx');
    await writeFileAtomic(path, new TextEncoder().encode('first'));
    await writeFileAtomic(path, new TextEncoder().encode('second'));
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'deep', 'er'))).toEqual(['AM.docx']);
  });

  it('refuses a folder under a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-atomic-'));
    writeFileSync(join(dir, 'file'), '');
    await expect(ensureWritableDir(join(dir, 'file', 'out'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('ensureWritableDir', () => {
  it('names its probe like every temporary file, so a run killed mid-probe leaves nothing the next run keeps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-probe-'));
    await ensureWritableDir(dir);
    expect(readdirSync(dir)).toEqual([]);
    // What a process killed between writing and removing its probe leaves (pid 2^22 + 1 is above Linux's pid limit).
    writeFileSync(join(dir, '.regmark-write-test.4194305.1.tmp'), '');
    await clearLeftovers(dir);
    expect(readdirSync(dir)).toEqual([]);
  });
});
