import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaselineError, loadBaseline } from './loadBaseline.js';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'regmark-git-'));
  git('init', '-q', '-b', 'main');
  await mkdir(join(repo, 'content/documents'), { recursive: true });
  await writeFile(join(repo, 'content/documents/AM.md'), '---\nid: AM\nversion: "16.0"\n---\n');
  git('add', '-A');
  git('commit', '-qm', 'v16');
  git('tag', 'v16.0');
  await writeFile(join(repo, 'content/documents/AM.md'), '---\nid: AM\nversion: "17.0"\n---\n');
  git('commit', '-qam', 'v17');
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe('loadBaseline', () => {
  it('exports a git ref of a content root inside the repository', async () => {
    const base = await loadBaseline(join(repo, 'content'), 'v16.0');
    expect(readFileSync(join(base.root, 'documents/AM.md'), 'utf8')).toContain('16.0');
    expect(base.label).toMatch(/^v16\.0 \([0-9a-f]{7}\)$/);
    await base.dispose();
    expect(existsSync(base.root)).toBe(false);
  });

  it('takes a folder as it is', async () => {
    const base = await loadBaseline(repo, 'content');
    expect(base.root).toBe(join(repo, 'content'));
  });

  it('refuses option-like refs and names unknown ones', async () => {
    await expect(loadBaseline(join(repo, 'content'), '--output=/tmp/x')).rejects.toThrow(/may not begin with "-"/);
    await expect(loadBaseline(join(repo, 'content'), 'no-such-tag')).rejects.toThrow(BaselineError);
    await expect(loadBaseline(join(repo, 'content'), 'no-such-tag')).rejects.toThrow(/no such commit, branch or tag/);
  });

  it('says when a shallow clone lacks the ref', async () => {
    const shallow = await mkdtemp(join(tmpdir(), 'regmark-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    await expect(loadBaseline(join(shallow, 'content'), 'HEAD~1')).rejects.toThrow(/shallow clone/);
    await rm(shallow, { recursive: true, force: true });
  });
});
