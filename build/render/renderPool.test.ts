/**
 * Rendering in worker threads must give the same bytes as rendering in one thread. Workers run the compiled
 * code, so this drives the built CLI (`npm ci` builds it) and compares the pack's manifests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'regmark-pool-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function pack(workers: string, dir: string): Array<{ name: string; sha256: string }> {
  execFileSync(process.execPath, [join(repo, 'bin/regmark.js'), 'pack', 'CON-2025-10-RETENTION', '--root', repo, '--out', dir, '--quiet'], {
    env: { ...process.env, REGMARK_RENDER_WORKERS: workers, SOURCE_DATE_EPOCH: '1760659200' },
    stdio: 'pipe',
  });
  const manifest = JSON.parse(readFileSync(join(dir, 'CON-2025-10-RETENTION', 'manifest.json'), 'utf8')) as { files: Array<{ name: string; sha256: string }> };
  return manifest.files.map((f) => ({ name: f.name, sha256: f.sha256 }));
}

describe('renderAll', () => {
  it.runIf(existsSync(join(repo, 'dist/render/renderWorker.js')))('gives the same bytes in two worker threads as in one thread', () => {
    const serial = pack('0', join(out, 'serial'));
    const parallel = pack('2', join(out, 'parallel'));
    // The paper, two annexes clean and redlined in two formats, S1SR Annex A clean and redlined as workbook and PDF.
    expect(serial.length).toBe(14);
    expect(parallel).toEqual(serial);
  }, 120_000);
});
