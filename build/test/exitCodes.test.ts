/** Usage errors exit 2 in every command, with one line on stderr and never a stack trace. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
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
