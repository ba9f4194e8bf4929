/**
 * The README's commands run as written on a copy of the repository: every fenced block marked `runnable` is taken
 * apart into its `$ ` lines and run by bash, with `regmark` on the PATH as a user who ran `npm ci` and linked it
 * would have it. A line may say the exit status it expects (`# exits 1`); blocks marked `runnable=NAME` run in order
 * in one shell (a walkthrough that changes folder and sets variables).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

interface Command {
  line: number;
  text: string;
  expect: number;
}

/** Runnable blocks, grouped: one group per `runnable=NAME`, one group per bare `runnable` block. */
function runnableGroups(markdown: string): Map<string, Command[]> {
  const groups = new Map<string, Command[]>();
  const lines = markdown.split('\n');
  let group: string | undefined;
  let count = 0;
  lines.forEach((line, i) => {
    const fence = /^```(.*)$/.exec(line);
    if (fence) {
      if (group !== undefined) group = undefined;
      else {
        const m = /\brunnable(?:=(\S+))?/.exec(fence[1]!);
        if (m) group = m[1] ?? `block at line ${i + 1} (${++count})`;
        else if (fence[1] !== undefined) group = undefined;
      }
      return;
    }
    if (group === undefined || !line.startsWith('$ ')) return;
    const text = line.slice(2);
    const status = /#\s*exits?\s+(\d+)/.exec(text);
    (groups.get(group) ?? groups.set(group, []).get(group)!).push({ line: i + 1, text, expect: status ? Number(status[1]) : 0 });
  });
  return groups;
}

/** The repository's files (as they are now) in a temp folder, with its installed packages and build linked in. */
function copyOfRepository(): { root: string; bin: string } {
  const dir = mkdtempSync(join(tmpdir(), 'regmark-readme-'));
  temps.push(dir);
  const root = join(dir, 'repo');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    try {
      copyFileSync(join(REPO, f), join(root, f));
    } catch {
      // A file deleted in the work tree but still tracked is simply not there, as after a checkout.
    }
  }
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  symlinkSync(join(REPO, 'dist'), join(root, 'dist'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'regmark'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin/regmark.js')}" "$@"\n`);
  chmodSync(join(bin, 'regmark'), 0o755);
  return { root, bin };
}

const groups = runnableGroups(readFileSync(join(REPO, 'README.md'), 'utf8'));

describe('the README runs as written', () => {
  it('has runnable blocks, the walkthrough among them', () => {
    expect(groups.size).toBeGreaterThanOrEqual(8);
    expect(groups.get('walkthrough')?.length).toBeGreaterThanOrEqual(8);
  });

  const { root, bin } = copyOfRepository();
  it.each([...groups.keys()])('%s', (name) => {
    const script = ['set -u', `cd "${root}"`];
    for (const c of groups.get(name)!) {
      script.push(`${c.text}`, `rc=$?; if [ "$rc" -ne ${c.expect} ]; then echo "README.md:${c.line}: exit $rc, expected ${c.expect}: ${c.text.replace(/["$`\\]/g, '\\$&')}" >&2; exit 99; fi`);
    }
    const r = spawnSync('bash', ['-c', script.join('\n')], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SOURCE_DATE_EPOCH: '1735689600', NO_COLOR: '1' }, timeout: 240_000 });
    expect(r.status, `${r.stderr}\n${r.stdout.slice(-2000)}`).toBe(0);
  }, 240_000);
});
