import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the test run’s temporary folder', () => {
  it('holds what tests and the processes they start make in the temporary folder', () => {
    const made = mkdtempSync(join(tmpdir(), 'regmark-probe-'));
    expect(basename(dirname(made))).toMatch(/^regmark-tests-/);
    const child = execFileSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { encoding: 'utf8' });
    expect(child).toBe(tmpdir());
  });
});
