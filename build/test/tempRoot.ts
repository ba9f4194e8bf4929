/**
 * Every temporary folder a test run makes, in one place that goes when the run ends. Tests make their folders with
 * `mkdtemp(join(tmpdir(), …))`, and the CLI, git and the readers they start make theirs the same way; with TMPDIR
 * pointing into the run's own folder, a run leaves nothing behind in the system's temporary folder, however a test
 * ends. Used as vitest's global setup: the folder is made before any test file is loaded, and removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'regmark-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
