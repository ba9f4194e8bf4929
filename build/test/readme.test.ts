/**
 * The documentation's commands run as written on a copy of the repository: every fenced block marked `runnable` in
 * README.md and in the pages under docs/ is taken apart into its `$ ` lines and run by bash, with `regmark` on the
 * PATH as a user who ran `npm ci` and linked it would have it (and `npx regmark` working, as it does in a clone). A
 * line may say the exit status it expects (`# exits 1`); blocks marked `runnable=NAME` run in order in one shell (a
 * walkthrough that changes folder, sets variables and edits files). Each page runs on its own copy, so that one
 * page's edits never meet another's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentationPages } from './documentationPages.js';

const REPO = resolve(import.meta.dirname, '../..');
const temps: string[] = [];
// One copy per page, each holding what its commands built: removing them all takes a while on a busy machine.
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })), 120_000);

interface Command {
  line: number;
  text: string;
  expect: number;
}

/** Runnable blocks, grouped: one group per `runnable=NAME`, one group per bare `runnable` block. */
function runnableGroups(markdown: string): Map<string, Command[]> {
  const groups = new Map<string, Command[]>();
  const lines = markdown.split('\n');
  let inFence = false;
  let group: string | undefined;
  let count = 0;
  lines.forEach((line, i) => {
    const fence = /^```(.*)$/.exec(line);
    if (fence) {
      inFence = !inFence;
      group = undefined;
      if (inFence) {
        const m = /\brunnable(?:=(\S+))?/.exec(fence[1]!);
        if (m) group = m[1] ?? `block at line ${i + 1} (${++count})`;
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

const pages = documentationPages(REPO).map((path) => ({ page: relative(REPO, path), groups: runnableGroups(readFileSync(path, 'utf8')) }));
const byPage = new Map(pages.map((p) => [p.page, p.groups]));
const cases = pages.flatMap(({ page, groups }) => [...groups.keys()].map((name) => [page, name] as const));

describe('the documentation runs as written', () => {
  it('the README has its tour, and the manual its runnable examples and the retention walkthrough', () => {
    expect(byPage.get('README.md')?.get('tour')?.length).toBeGreaterThanOrEqual(6);
    expect(byPage.get('docs/commands/retain.md')?.get('walkthrough')?.length).toBeGreaterThanOrEqual(8);
    expect(cases.filter(([page]) => page.startsWith('docs/')).length).toBeGreaterThanOrEqual(8);
  });

  const copies = new Map<string, { root: string; bin: string }>();
  it.each(cases)('%s: %s', (page, name) => {
    const copy = copies.get(page) ?? copies.set(page, copyOfRepository()).get(page)!;
    const script = ['set -u', `cd "${copy.root}"`];
    for (const c of byPage.get(page)!.get(name)!) {
      script.push(`${c.text}`, `rc=$?; if [ "$rc" -ne ${c.expect} ]; then echo "${page}:${c.line}: exit $rc, expected ${c.expect}: ${c.text.replace(/["$`\\]/g, '\\$&')}" >&2; exit 99; fi`);
    }
    const r = spawnSync('bash', ['-c', script.join('\n')], { encoding: 'utf8', env: { ...process.env, PATH: `${copy.bin}:${process.env.PATH}`, SOURCE_DATE_EPOCH: '1735689600', NO_COLOR: '1' }, timeout: 240_000 });
    expect(r.status, `${r.stderr}\n${r.stdout.slice(-2000)}`).toBe(0);
  }, 240_000);
});
