/**
 * Versions end to end: the real CLI (`node bin/regmark.js`, a child process, arguments and no shell) against real
 * git repositories made in temp folders — commits, tags, a shallow clone — and folders named by `previous`.
 *
 * The fixture is two invented documents: OLD, which expires at the end of 2025-12-31 and is the only home of the
 * term "Widget Token", and NEW, which stays in force and uses that term. NEW v1.0 is committed and tagged
 * `new-v1`; NEW v2.0 (the working tree) retains the definition and takes effect on 2025-12-12, possibly as late as
 * its `effective-by`. Requires `npm run build` (the binary runs dist/).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitions, manifest } from './ruleTester.js';

const BIN = fileURLToPath(new URL('../../bin/regmark.js', import.meta.url));
const DIST_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const TIMEOUT = 60_000;

/** Git and the CLI see neither the machine's global nor system git configuration. */
const ENV: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', NO_COLOR: '1', REGMARK_DEBUG: '' };
const AUTHOR = ['-c', 'user.name=Versions Test', '-c', 'user.email=versions@example.org', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'init.defaultBranch=main'];

let base = '';
let counter = 0;

beforeAll(() => {
  if (!existsSync(DIST_CLI)) throw new Error('dist/cli.js is missing: run `npm run build` before these tests');
  base = mkdtempSync(join(tmpdir(), 'regmark-versions-'));
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers: folders, git, the CLI
// ---------------------------------------------------------------------------------------------------------------

type Files = Record<string, string>;

/** A fresh, empty folder under this file's temp base. */
function folder(name: string): string {
  const dir = join(base, `${String(++counter).padStart(2, '0')}-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function write(dir: string, files: Files): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** A child process with arguments and no shell; resolves with its exit code and output, whatever the code. */
function spawn(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { cwd, encoding: 'utf8', env: ENV, timeout: 50_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error); // not started, killed by the timeout, …
      resolvePromise({ code: error ? (error.code as number) : 0, out: stdout, err: stderr });
    });
  });
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await spawn('git', [...AUTHOR, ...args], cwd);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed (${r.code}): ${r.err}`);
  return r.out;
}

async function initRepo(name: string): Promise<string> {
  const dir = folder(name);
  await git(dir, 'init', '--quiet');
  return dir;
}

async function commit(dir: string, message: string): Promise<string> {
  await git(dir, 'add', '--all');
  await git(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
  return (await git(dir, 'rev-parse', 'HEAD')).trim();
}

/** `node bin/regmark.js …args` in `cwd`, as a user's shell would run it (but without one). */
function regmark(cwd: string, ...args: string[]): Promise<Run> {
  return spawn(process.execPath, [BIN, ...args], cwd);
}

interface Related {
  file: string;
  line: number;
  column: number;
  ref?: string;
  message?: string;
}

interface Diag {
  code: string;
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  message: string;
  date?: string;
  ref?: string;
  /** Set when the version was read from a folder: the file's path from the content root. */
  path?: string;
  version?: string;
  related?: Related[];
  accepted?: { reason: string; until: string; file: string; line: number };
}

/** `check --format json` (plus any options): exit code and the parsed diagnostics. */
async function checkJson(cwd: string, ...args: string[]): Promise<{ code: number | null; diagnostics: Diag[]; err: string }> {
  const r = await regmark(cwd, 'check', '--format', 'json', ...args);
  let diagnostics: Diag[];
  try {
    diagnostics = JSON.parse(r.out) as Diag[];
  } catch {
    throw new Error(`check --format json did not print JSON (exit ${r.code}):\n${r.out}\n${r.err}`);
  }
  return { code: r.code, diagnostics, err: r.err };
}

/** No stack frame and no internal error, on either stream. */
function expectNoCrash(r: { out?: string; err: string; code: number | null }): void {
  const all = `${r.out ?? ''}\n${r.err}`;
  expect(all).not.toMatch(/\n\s{4}at /);
  expect(all).not.toMatch(/internal error/i);
  expect(r.code === 0 || r.code === 1).toBe(true);
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function locate(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`fixture error: ${JSON.stringify(needle)} not in ${JSON.stringify(text)}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

// ---------------------------------------------------------------------------------------------------------------
// Fixture content (invented wording)
// ---------------------------------------------------------------------------------------------------------------

const TERM = 'Widget Token';
const CLAUSE_FILE = 'clauses/NEW/01-scope.md';
const V1_ONLY = 'keep a Widget Token at all times';
const V2_ONLY = 'from the revised register';
const V1_CLAUSE = `## 1 Scope\n\n**1.1** Each party shall ${V1_ONLY}.\n`;
const V2_CLAUSE = `## 1 Scope\n\n**1.1** Each party shall hold a Widget Token ${V2_ONLY}.\n`;
const TERM_TEXT = 'means a token that the operator issues to a party.';
/** Where v1's clause uses the term. */
const V1_USE = locate(V1_CLAUSE, TERM);

/** OLD: the only home of the term, in force until 2025-12-31. */
const OLD: Files = {
  'documents/OLD.md': manifest('OLD', { from: '2020-01-01', until: '2025-12-31' }),
  'clauses/OLD/01-general.md': '## 1 General\n\n**1.1** The operator issues each Widget Token.\n',
  'definitions/OLD.md': definitions('OLD', `**${TERM}** ${TERM_TEXT}\n`),
};

/** NEW v1.0: designated, in force from 2020, uses the term that only OLD defines. */
const NEW_V1: Files = {
  'documents/NEW.md': manifest('NEW', { from: '2020-01-01' }),
  [CLAUSE_FILE]: V1_CLAUSE,
};

interface ManifestOptions {
  id?: string;
  version?: string;
  status?: string;
  effective?: string;
  effectiveBy?: string;
  previous?: string;
  /** Raw YAML lines appended to the front matter (e.g. an `accepted:` list). */
  extra?: string;
}

/** A manifest of NEW with the versioning keys; keys left undefined are left out. */
function newManifest(o: ManifestOptions = {}): string {
  const lines = [
    '---',
    `id: ${o.id ?? 'NEW'}`,
    'title: Document NEW',
    'short-title: Doc NEW',
    'reference: SEC Appendix NEW',
    `version: "${o.version ?? '2.0'}"`,
    `status: ${o.status ?? 'consultation'}`,
    'in-force:',
    '  from: 2020-01-01',
    ...(o.effective ? [`effective: ${o.effective}`] : []),
    ...(o.effectiveBy ? [`effective-by: ${o.effectiveBy}`] : []),
    ...(o.previous !== undefined ? [`previous: ${o.previous}`] : []),
    ...(o.extra ? [o.extra.replace(/\n$/, '')] : []),
    '---',
    '',
  ];
  return lines.join('\n');
}

const V2_DEFAULTS: ManifestOptions = { effective: '2025-12-12', effectiveBy: '2026-01-12', previous: 'new-v1' };

/** NEW v2.0: retains the definition into NEW and rewords clause 1.1. */
function newV2(o: ManifestOptions = {}): Files {
  return {
    'documents/NEW.md': newManifest({ ...V2_DEFAULTS, ...o }),
    [CLAUSE_FILE]: V2_CLAUSE,
    'definitions/NEW.md': definitions('NEW', `**${TERM}** {from="OLD"} ${TERM_TEXT}\n`),
  };
}

function acceptedYaml(until: string, reason = 'Designation may slip by up to one month after 12 December 2025.'): string {
  return ['accepted:', '  - code: dangling-definition', `    term: ${TERM}`, `    until: ${until}`, `    reason: ${reason}`].join('\n');
}

/**
 * A repository holding OLD and NEW v1.0 (tagged `new-v1`), then NEW v2.0 committed on top. `sub` puts the content
 * root in a subfolder of the repository; the returned path is the content root.
 */
async function slippedRepo(name: string, v2: ManifestOptions = {}, options: { sub?: string; annotated?: boolean } = {}): Promise<{ repo: string; root: string; v1: string }> {
  const repo = await initRepo(name);
  const root = options.sub ? join(repo, options.sub) : repo;
  write(root, { ...OLD, ...NEW_V1 });
  const v1 = await commit(repo, 'NEW v1.0');
  if (options.annotated) await git(repo, 'tag', '-a', 'new-v1', '-m', 'NEW v1.0 as designated');
  else await git(repo, 'tag', 'new-v1');
  write(root, newV2(v2));
  await commit(repo, 'NEW v2.0 for consultation');
  return { repo, root, v1 };
}

// ---------------------------------------------------------------------------------------------------------------
// 1–4. A designation that may slip past an expiry
// ---------------------------------------------------------------------------------------------------------------

describe.concurrent('a designation that may slip past an expiry (previous: a git tag)', () => {
  it('check fails on the day OLD expires, in the text of v1.0 read from the tag', async () => {
    const { root } = await slippedRepo('slipped', {}, { annotated: true });
    const manifestText = newManifest(V2_DEFAULTS);

    const r = await checkJson(root, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['dangling-definition']);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({
      code: 'dangling-definition',
      severity: 'error',
      file: CLAUSE_FILE,
      line: V1_USE.line,
      column: V1_USE.column,
      ref: 'new-v1',
      version: '1.0',
      date: '2026-01-01',
    });
    expect(d.message).toContain('as late as 2026-01-12');
    expect(d.message).toContain(`"${TERM}"`);
    expect(d.accepted).toBeUndefined();
    // The related notes: OLD's home, and the window of NEW v2.0 at its `effective-by` line.
    expect(d.related).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'definitions/OLD.md', line: 4, column: 3 }),
        expect.objectContaining({ file: 'documents/NEW.md', line: locate(manifestText, 'effective-by:').line }),
      ]),
    );

    const text = await regmark(root, 'check', '--as-at', '2025-10-17');
    expect(text.code).toBe(1);
    expect(text.out).toContain(`new-v1:${CLAUSE_FILE}:${V1_USE.line}:${V1_USE.column}  error  dangling-definition`);
    expect(text.out).toContain('[2026-01-01]');
    // The source line under the diagnostic is v1.0's, read from the tag, not the working tree's.
    expect(text.out).toContain(V1_ONLY);
    expect(text.out).toMatch(/1 error, 0 warnings/);
    // Before the summary: the versions read, and when each takes over.
    expect(text.out).toContain('versions:\n  NEW: v1.0 (new-v1) → v2.0 on 2025-12-12 (as late as 2026-01-12)\nchecked ');

    // GitHub annotations: text of an earlier version is not pinned to the working tree's file of the same name.
    const github = await regmark(root, 'check', '--as-at', '2025-10-17', '--format', 'github');
    expect(github.code).toBe(1);
    expect(github.out).toMatch(/^::error title=dangling-definition::/);
    expect(github.out).not.toContain('file=');
    expect(github.out).toContain(`new-v1:${CLAUSE_FILE}:${V1_USE.line}:${V1_USE.column}: `);
  }, TIMEOUT);

  it('impact reads the planned version and says which earlier version may still apply inside the window', async () => {
    const { root } = await slippedRepo('slipped-impact');
    const r = await regmark(root, 'impact', 'OLD', '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { designationWindows: string[] };
    expect(report.designationWindows).toEqual([expect.stringMatching(/^NEW v2\.0 is planned for \d{4}-\d{2}-\d{2}, but NEW v1\.0 may still apply then/)]);
  });

  it('follows a chain of tags more than one version back', async () => {
    const repo = await initRepo('slipped-chain');
    write(repo, { ...OLD, ...NEW_V1 });
    await commit(repo, 'NEW v1.0');
    await git(repo, 'tag', 'new-v1');
    write(repo, newV2());
    await commit(repo, 'NEW v2.0');
    await git(repo, 'tag', 'new-v2');
    const v3Clause = V2_CLAUSE.replace('hold', 'hold and show');
    write(repo, { 'documents/NEW.md': newManifest({ version: '3.0', status: 'draft', effective: '2026-06-01', previous: 'new-v2' }), [CLAUSE_FILE]: v3Clause });
    await commit(repo, 'NEW v3.0 draft');

    const r = await checkJson(repo, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'dangling-definition', file: CLAUSE_FILE, line: V1_USE.line, column: V1_USE.column, ref: 'new-v1', version: '1.0', date: '2026-01-01' }),
    ]);
    expect(r.diagnostics[0]!.message).toContain('as late as 2026-01-12');
  }, TIMEOUT);

  it('once v2.0 certainly applies there is nothing to report', async () => {
    const { root } = await slippedRepo('slipped-later');
    const r = await checkJson(root, '--as-at', '2026-01-12');
    expect(r).toMatchObject({ code: 0, diagnostics: [] });
  }, TIMEOUT);

  it('reads the tag when the content root is a subfolder of the repository', async () => {
    const { root } = await slippedRepo('slipped-subfolder', {}, { sub: 'regs' });
    const r = await checkJson(join(root, '..'), '--root', 'regs', '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'dangling-definition', file: CLAUSE_FILE, line: V1_USE.line, column: V1_USE.column, ref: 'new-v1', version: '1.0', date: '2026-01-01' });
  }, TIMEOUT);

  it('reads a commit id as well as a tag', async () => {
    const repo = await initRepo('slipped-commit');
    write(repo, { ...OLD, ...NEW_V1 });
    const v1 = await commit(repo, 'NEW v1.0');
    write(repo, newV2({ previous: v1.slice(0, 12) }));
    await commit(repo, 'NEW v2.0');
    const r = await checkJson(repo, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'dangling-definition', file: CLAUSE_FILE, ref: v1.slice(0, 12), version: '1.0', date: '2026-01-01' });
  }, TIMEOUT);

  it('gives the same answer from a warm parse cache (versions read from git go through it too)', async () => {
    const { root } = await slippedRepo('slipped-cache');
    const cold = await regmark(root, 'check', '--format', 'json', '--as-at', '2025-10-17');
    const warm = await regmark(root, 'check', '--format', 'json', '--as-at', '2025-10-17');
    const none = await regmark(root, 'check', '--format', 'json', '--as-at', '2025-10-17', '--no-cache');
    expect(cold.code).toBe(1);
    expect(JSON.parse(cold.out)).toHaveLength(1);
    expect(warm).toEqual(cold);
    expect(none).toEqual(cold);
  }, TIMEOUT);

  it('leaves the content repository clean: the parse cache is ignored by git (README)', async () => {
    const { root } = await slippedRepo('slipped-cache-clean');
    expect((await regmark(root, 'check', '--as-at', '2025-10-17')).code).toBe(1);
    // README: the cache in <root>/.regmark-cache/ is "ignored by git". In a content repository of its own it must not
    // show up as untracked files, nor be swept into the next `git add --all` and committed with the text.
    expect(await git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  }, TIMEOUT);

  it('an acceptance until the day before effective-by covers it: exit 0, even with --strict, reported as accepted', async () => {
    const reason = 'Designation may slip by up to one month after 12 December 2025.';
    const extra = acceptedYaml('2026-01-11', reason);
    const { root } = await slippedRepo('accepted', { extra });
    const manifestText = newManifest({ ...V2_DEFAULTS, extra });

    const r = await checkJson(root, '--as-at', '2025-10-17');
    expect(r.code).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['dangling-definition']);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ file: CLAUSE_FILE, ref: 'new-v1', version: '1.0', date: '2026-01-01' });
    expect(d.accepted).toMatchObject({ reason, until: '2026-01-11', file: 'documents/NEW.md', line: locate(manifestText, '- code: dangling-definition').line });

    expect((await checkJson(root, '--as-at', '2025-10-17', '--strict')).code).toBe(0);

    const sarif = await regmark(root, 'check', '--as-at', '2025-10-17', '--format', 'sarif');
    expect(sarif.code).toBe(0);
    const results = (JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ ruleId: string; suppressions?: Array<{ kind: string; justification?: string }> }> }> }).runs[0]!.results;
    expect((JSON.parse(sarif.out) as { version: string }).version).toBe('2.1.0');
    expect(results).toHaveLength(1);
    expect(results[0]!.ruleId).toBe('dangling-definition');
    expect(results[0]!.suppressions).toEqual([expect.objectContaining({ kind: 'inSource' })]);
    expect(results[0]!.suppressions![0]!.justification).toContain(reason);
    expect(results[0]).toMatchObject({ locations: [{ properties: { ref: 'new-v1' } }], properties: { date: '2026-01-01', version: '1.0', ref: 'new-v1' } });

    const text = await regmark(root, 'check', '--as-at', '2025-10-17');
    expect(text.code).toBe(0);
    expect(text.out).toContain(`new-v1:${CLAUSE_FILE}:${V1_USE.line}:${V1_USE.column}  accepted  dangling-definition`);
    expect(text.out).toContain(reason);
    expect(text.out).toMatch(/0 errors, 0 warnings, 1 accepted/);

    const github = await regmark(root, 'check', '--as-at', '2025-10-17', '--format', 'github');
    expect(github.code).toBe(0);
    expect(github.out).toMatch(/^::notice title=dangling-definition::/);
  }, TIMEOUT);

  it('an acceptance that lapses before effective-by fails on the day after its until', async () => {
    const { root } = await slippedRepo('accepted-lapses', { extra: acceptedYaml('2026-01-05') });
    const r = await checkJson(root, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['dangling-definition']);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ severity: 'error', file: CLAUSE_FILE, ref: 'new-v1', version: '1.0', date: '2026-01-06' });
    expect(d.accepted).toBeUndefined();
    expect(d.message).toContain('2026-01-05');
  }, TIMEOUT);

  it('an acceptance that matches nothing is unused-acceptance (a warning)', async () => {
    const extra = acceptedYaml('2026-01-11').replace(`term: ${TERM}`, 'term: Gadget Token');
    const { root } = await slippedRepo('accepted-typo', { effectiveBy: '2025-12-20', extra });
    const r = await checkJson(root, '--as-at', '2025-10-17');
    expect(r.code).toBe(0);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'unused-acceptance', severity: 'warning', file: 'documents/NEW.md' })]);
    expect((await checkJson(root, '--as-at', '2025-10-17', '--strict')).code).toBe(1);
  }, TIMEOUT);

  it('a designation in time (effective-by before the expiry) passes with no diagnostics', async () => {
    const { root } = await slippedRepo('in-time', { effectiveBy: '2025-12-20' });
    const r = await checkJson(root, '--as-at', '2025-10-17');
    expect(r).toMatchObject({ code: 0, diagnostics: [] });
    expect((await checkJson(root, '--as-at', '2025-10-17', '--strict')).code).toBe(0);
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// 5. removed-definition
// ---------------------------------------------------------------------------------------------------------------

describe.concurrent('removed-definition', () => {
  it('a term v1.0 defined, deleted in v2.0 but still used by v2.0, is an error at the use with the old home related', async () => {
    const repo = await initRepo('removed');
    const oldDefinitions = definitions('NEW', '**Sprocket Key** means the key that opens a sprocket.\n');
    write(repo, {
      'documents/NEW.md': manifest('NEW', { from: '2020-01-01' }),
      [CLAUSE_FILE]: '## 1 Scope\n\n**1.1** Each party shall register its Sprocket Key.\n',
      'definitions/NEW.md': oldDefinitions,
    });
    await commit(repo, 'NEW v1.0');
    await git(repo, 'tag', 'new-v1');
    await git(repo, 'rm', '--quiet', 'definitions/NEW.md');
    const clause = '## 1 Scope\n\n**1.1** Each party shall register and renew its Sprocket Key.\n';
    write(repo, { 'documents/NEW.md': newManifest({ status: 'designated', effective: '2025-12-12', previous: 'new-v1' }), [CLAUSE_FILE]: clause });
    await commit(repo, 'NEW v2.0 drops the definition');

    const r = await checkJson(repo, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    const removed = r.diagnostics.filter((d) => d.code === 'removed-definition');
    expect(removed).toHaveLength(1);
    const use = locate(clause, 'Sprocket Key');
    const d = removed[0]!;
    expect(d).toMatchObject({ severity: 'error', file: CLAUSE_FILE, line: use.line, column: use.column, date: '2025-12-12' });
    expect(d.ref).toBeUndefined(); // the use is in the working tree
    expect(d.message).toContain('"Sprocket Key"');
    expect(d.message).toContain('NEW v1.0');
    const home = locate(oldDefinitions, 'Sprocket Key');
    expect(d.related).toEqual([expect.objectContaining({ file: 'definitions/NEW.md', ref: 'new-v1', line: home.line, column: home.column })]);

    const text = await regmark(repo, 'check', '--as-at', '2025-10-17');
    expect(text.out).toContain(`${CLAUSE_FILE}:${use.line}:${use.column}  error  removed-definition`);
    expect(text.out).toContain(`new-v1:definitions/NEW.md:${home.line}:${home.column}  note`);
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// 6. missing-effective-date
// ---------------------------------------------------------------------------------------------------------------

describe.concurrent('missing-effective-date', () => {
  it('a consultation version without effective is a warning at its status, failing only with --strict', async () => {
    const { root } = await slippedRepo('no-effective', { effective: '', effectiveBy: '' });
    const manifestText = newManifest({ previous: 'new-v1' });
    const r = await checkJson(root, '--as-at', '2025-10-17');
    expect(r.code).toBe(0);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'missing-effective-date', severity: 'warning', file: 'documents/NEW.md', line: locate(manifestText, 'status:').line, column: 1 }),
    ]);
    expect(r.diagnostics[0]!.message).toContain('2025-10-17'); // checked as if it took effect on the as-at date
    expect((await checkJson(root, '--as-at', '2025-10-17', '--strict')).code).toBe(1);
    const text = await regmark(root, 'check', '--as-at', '2025-10-17');
    expect(text.out).toMatch(/documents\/NEW\.md:\d+:\d+ {2}warning {2}missing-effective-date/);
  }, TIMEOUT);

  it('a draft without previous and without effective gets it too; a designated version does not', async () => {
    const repo = await initRepo('draft-no-effective');
    write(repo, { 'documents/NEW.md': newManifest({ version: '1.0', status: 'draft' }), [CLAUSE_FILE]: '## 1 Scope\n\n**1.1** Each party shall comply.\n' });
    await commit(repo, 'draft');
    const r = await checkJson(repo, '--as-at', '2025-10-17');
    expect(r.code).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['missing-effective-date']);
    write(repo, { 'documents/NEW.md': newManifest({ version: '1.0', status: 'designated' }) });
    expect(await checkJson(repo, '--as-at', '2025-10-17')).toMatchObject({ code: 0, diagnostics: [] });
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// 7. invalid-previous: a ref that does not exist; a shallow clone
// ---------------------------------------------------------------------------------------------------------------

describe.concurrent('invalid-previous: refs', () => {
  it('a previous naming no commit, branch or tag is an error at the previous line', async () => {
    const { root } = await slippedRepo('no-such-ref', { previous: 'no-such-tag' });
    const manifestText = newManifest({ ...V2_DEFAULTS, previous: 'no-such-tag' });
    const r = await checkJson(root, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expectNoCrash(r);
    // The chain is not used: the working tree stands alone (and is clean), so this is the only diagnostic.
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-previous', severity: 'error', file: 'documents/NEW.md', ...locate(manifestText, 'previous:') })]);
    expect(r.diagnostics[0]!.message).toContain('no-such-tag');
    expect(r.diagnostics[0]!.message).not.toMatch(/shallow/);
  }, TIMEOUT);

  it('in a shallow clone a ref from older history says to fetch more history; after fetching, it is read', async () => {
    const { repo } = await slippedRepo('shallow-origin', { effectiveBy: '2025-12-20' });
    expect(await checkJson(repo, '--as-at', '2025-10-17')).toMatchObject({ code: 0, diagnostics: [] });

    const clone = join(folder('shallow'), 'clone');
    await git(dirname(clone), 'clone', '--quiet', '--depth', '1', `file://${repo}`, clone);
    expect((await git(clone, 'rev-parse', '--is-shallow-repository')).trim()).toBe('true');

    const manifestText = newManifest({ ...V2_DEFAULTS, effectiveBy: '2025-12-20' });
    const r = await checkJson(clone, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expectNoCrash(r);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-previous', file: 'documents/NEW.md', ...locate(manifestText, 'previous:') })]);
    expect(r.diagnostics[0]!.message).toMatch(/shallow clone/);
    expect(r.diagnostics[0]!.message).toMatch(/fetch/);
    expect(r.diagnostics[0]!.message).toContain('new-v1');

    await git(clone, 'fetch', '--quiet', '--unshallow', '--tags');
    expect(await checkJson(clone, '--as-at', '2025-10-17')).toMatchObject({ code: 0, diagnostics: [] });
  }, TIMEOUT);

  it('a git ref when the content root is not in a git repository is an error, not a crash', async () => {
    const root = folder('not-git');
    write(root, { ...OLD, ...newV2() });
    const r = await checkJson(root, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expectNoCrash(r);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-previous', file: 'documents/NEW.md', ...locate(newManifest(V2_DEFAULTS), 'previous:') })]);
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// 8. A folder as previous
// ---------------------------------------------------------------------------------------------------------------

describe.concurrent('a folder as previous', () => {
  it('gives the same result as the tag, with ref equal to the folder path', async () => {
    const repo = await initRepo('folder-previous');
    const v1Folder = 'versions/new-v1';
    write(repo, { ...OLD, ...newV2({ previous: v1Folder }) });
    write(join(repo, v1Folder), { ...NEW_V1, 'definitions/NEW.md': definitions('NEW', '') });
    await commit(repo, 'NEW v2.0 with v1.0 kept in a folder');

    const r = await checkJson(repo, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['dangling-definition']);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ severity: 'error', file: CLAUSE_FILE, line: V1_USE.line, column: V1_USE.column, ref: v1Folder, version: '1.0', date: '2026-01-01' });
    expect(d.message).toContain('as late as 2026-01-12');

    // The folder's file is on disk: every output names the path that opens it, with that file's line numbers.
    expect(d.path).toBe(`${v1Folder}/${CLAUSE_FILE}`);
    const opened = readFileSync(join(repo, d.path!), 'utf8').split('\n')[d.line - 1]!;
    expect(opened.slice(d.column - 1).startsWith(TERM)).toBe(true);
    const text = await regmark(repo, 'check', '--as-at', '2025-10-17');
    expect(text.code).toBe(1);
    expect(text.out).toContain(`${v1Folder}/${CLAUSE_FILE}:${V1_USE.line}:${V1_USE.column}  error  dangling-definition`);
    expect(text.out).not.toContain(`${v1Folder}:`);
    expect(text.out).toContain(V1_ONLY);
    const sarif = JSON.parse((await regmark(repo, 'check', '--as-at', '2025-10-17', '--format', 'sarif')).out) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: `${v1Folder}/${CLAUSE_FILE}` }, region: { startLine: V1_USE.line } });
    const github = (await regmark(repo, 'check', '--as-at', '2025-10-17', '--format', 'github')).out;
    expect(github).toContain(`::error file=${v1Folder}/${CLAUSE_FILE},line=${V1_USE.line},col=${V1_USE.column},title=dangling-definition::`);
  }, TIMEOUT);

  it('is read from the disk even before it is committed, and is relative to the repository top', async () => {
    const repo = await initRepo('folder-uncommitted');
    write(join(repo, 'regs'), { ...OLD, ...newV2({ previous: 'archive/new-v1' }) });
    write(join(repo, 'archive/new-v1'), NEW_V1);
    const r = await checkJson(repo, '--root', 'regs', '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'dangling-definition', file: CLAUSE_FILE, ref: 'archive/new-v1', version: '1.0', date: '2026-01-01' })]);
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// 9. Bad input: each a located diagnostic in the manifest, exit 1, never a stack trace
// ---------------------------------------------------------------------------------------------------------------

interface BadCase {
  name: string;
  /** The working tree's NEW manifest options (on top of V2_DEFAULTS). */
  v2: ManifestOptions;
  /** Extra files written into the repository (relative to its top) before the commit. */
  files?: (repo: string) => Files;
  /** Set up anything else (symlinks, outside folders). */
  setup?: (repo: string) => void;
  code: string;
  /** The manifest text the key is found in, and the key (or value) the diagnostic points at. */
  at: string;
  message?: RegExp;
  /** Also run `--format github` and `--format sarif` (once per code is enough). */
  formats?: boolean;
}

/** A folder version of NEW: v1.0 content with the given manifest options. */
function folderVersion(o: ManifestOptions): Files {
  return { 'documents/NEW.md': newManifest({ version: '1.0', status: 'designated', ...o }), [CLAUSE_FILE]: V1_CLAUSE };
}

const BAD: BadCase[] = [
  { name: 'effective is not a real date', v2: { effective: '2025-02-30', effectiveBy: '' }, code: 'invalid-front-matter', at: '2025-02-30', message: /2025-02-30/, formats: true },
  { name: 'effective-by is before effective', v2: { effective: '2025-12-12', effectiveBy: '2025-12-01' }, code: 'invalid-front-matter', at: 'effective-by:', message: /before/ },
  { name: 'previous looks like an option', v2: { previous: '-x' }, code: 'invalid-previous', at: 'previous:', message: /option/, formats: true },
  { name: 'previous is an option that git would obey', v2: { previous: '--output=pwned' }, code: 'invalid-previous', at: 'previous:' },
  {
    name: 'previous is a path outside the repository (an existing folder with a version in it)',
    v2: { previous: '../outside' },
    setup: (repo) => write(join(repo, '..', 'outside'), NEW_V1),
    code: 'unsafe-path',
    at: 'previous:',
    formats: true,
  },
  { name: 'previous is a path outside the repository (no such folder)', v2: { previous: '../../nowhere' }, code: 'unsafe-path', at: 'previous:' },
  {
    name: 'previous is a symlink inside the repository to a folder outside it',
    v2: { previous: 'versions/link' },
    setup: (repo) => {
      write(join(repo, '..', 'elsewhere'), NEW_V1);
      mkdirSync(join(repo, 'versions'), { recursive: true });
      symlinkSync(join(repo, '..', 'elsewhere'), join(repo, 'versions', 'link'));
    },
    code: 'unsafe-path',
    at: 'previous:',
  },
  { name: 'previous names a folder holding another document', v2: { previous: 'versions/v1' }, files: () => ({ ...prefixed('versions/v1', folderVersion({ id: 'OTHER' })) }), code: 'invalid-previous', at: 'previous:', message: /OTHER/ },
  { name: 'previous names a folder without the document', v2: { previous: 'versions/v1' }, files: () => ({ 'versions/v1/documents/ELSE.md': manifest('ELSE') }), code: 'invalid-previous', at: 'previous:', message: /documents\/NEW\.md/ },
  { name: 'two versions share a version number', v2: { version: '1.0', previous: 'versions/v1' }, files: () => prefixed('versions/v1', folderVersion({})), code: 'invalid-previous', at: 'previous:', message: /1\.0/ },
  {
    name: 'the chain loops (two folders naming each other)',
    v2: { previous: 'versions/a' },
    files: () => ({ ...prefixed('versions/a', folderVersion({ version: '1.5', effective: '2024-01-01', previous: 'versions/b' })), ...prefixed('versions/b', folderVersion({ version: '1.0', previous: 'versions/a' })) }),
    code: 'invalid-previous',
    at: 'previous:',
    message: /loop/,
  },
  { name: 'the chain names the working tree itself', v2: { previous: '.' }, code: 'invalid-previous', at: 'previous:', message: /loop|itself|working tree/ },
  {
    name: 'a version takes effect before the version it replaces',
    v2: { effective: '2024-01-01', effectiveBy: '', previous: 'versions/v1' },
    files: () => prefixed('versions/v1', folderVersion({ effective: '2024-06-01' })),
    code: 'invalid-previous',
    at: 'previous:',
    message: /2024-01-01.*2024-06-01|before/,
  },
];

function prefixed(prefix: string, files: Files): Files {
  return Object.fromEntries(Object.entries(files).map(([p, t]) => [`${prefix}/${p}`, t]));
}

describe.concurrent('bad versioning input', () => {
  for (const c of BAD) {
    it(`${c.name}: a located ${c.code}, exit 1, no stack trace`, async () => {
      // Each case in its own parent folder, so that `../outside` is this case's own sibling folder.
      const repo = join(folder('bad'), 'repo');
      mkdirSync(repo);
      await git(repo, 'init', '--quiet');
      const options = { ...V2_DEFAULTS, ...c.v2 };
      write(repo, { ...OLD, ...NEW_V1 });
      await commit(repo, 'NEW v1.0');
      await git(repo, 'tag', 'new-v1');
      write(repo, { ...newV2(options), ...(c.files?.(repo) ?? {}) });
      c.setup?.(repo);
      await commit(repo, 'NEW v2.0');

      const manifestText = newManifest(options);
      const expected = locate(manifestText, c.at);
      const column = c.at.endsWith(':') ? 1 : expected.column;
      const r = await checkJson(repo, '--as-at', '2025-10-17');
      expectNoCrash(r);
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      const found = r.diagnostics.filter((d) => d.code === c.code);
      expect(found.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([`documents/NEW.md:${expected.line}:${column}`]);
      expect(found[0]!.severity).toBe('error');
      if (c.message) expect(found[0]!.message).toMatch(c.message);
      // Nothing was read from a previous that is refused: no diagnostic locates text in it.
      expect(r.diagnostics.filter((d) => d.ref !== undefined && d.code !== 'dangling-definition')).toEqual([]);

      const text = await regmark(repo, 'check', '--as-at', '2025-10-17');
      expectNoCrash(text);
      expect(text.code).toBe(1);
      expect(text.out).toContain(`documents/NEW.md:${expected.line}:${column}  error  ${c.code}`);

      // `--format github` and `--format sarif` locate it too.
      if (c.formats) {
        const github = await regmark(repo, 'check', '--as-at', '2025-10-17', '--format', 'github');
        expectNoCrash(github);
        expect(github.code).toBe(1);
        expect(github.out).toContain(`::error file=documents/NEW.md,line=${expected.line},col=${column},title=${c.code}::`);
        const sarif = await regmark(repo, 'check', '--as-at', '2025-10-17', '--format', 'sarif');
        expectNoCrash(sarif);
        expect(sarif.code).toBe(1);
        const results = (JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> }).runs[0]!.results;
        expect(results.filter((x) => x.ruleId === c.code).map((x) => `${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`)).toEqual([`documents/NEW.md:${expected.line}`]);
      }
    }, TIMEOUT);
  }

  it('the outside folder named by ../outside is never read', async () => {
    const parent = folder('outside-never-read');
    const repo = join(parent, 'repo');
    mkdirSync(repo);
    await git(repo, 'init', '--quiet');
    // The outside "version" would put a dangling use in v1.0 if it were read.
    write(join(parent, 'outside'), NEW_V1);
    write(repo, { ...OLD, ...newV2({ previous: '../outside' }) });
    await commit(repo, 'NEW v2.0');
    const r = await checkJson(repo, '--as-at', '2025-10-17');
    expect(r.code).toBe(1);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unsafe-path']);
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// 10. build --as-at renders the version in force
// ---------------------------------------------------------------------------------------------------------------

/** A repository whose NEW v2.0 names the folder versions/new-v1 (holding v1.0) as its previous version. */
async function folderPreviousRepo(name: string): Promise<string> {
  const repo = await initRepo(name);
  write(repo, { ...OLD, ...newV2({ previous: 'versions/new-v1' }) });
  write(join(repo, 'versions/new-v1'), NEW_V1);
  await commit(repo, 'NEW v2.0');
  return repo;
}

/** An independent reader's text of an output (pdftotext, pandoc), white space squashed. */
async function readBack(program: string, args: string[], cwd: string): Promise<string> {
  const r = await spawn(program, args, cwd);
  if (r.code !== 0) throw new Error(`${program} failed: ${r.err}`);
  return squash(r.out);
}

async function pdfText(dir: string): Promise<string> {
  const pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
  return readBack('pdftotext', ['-layout', join(dir, pdfs[0]!), '-'], dir);
}

/** `build NEW --as-at DAY` to PDF, read back with pdftotext. */
async function builtText(root: string, asAt: string, name: string): Promise<{ text: string; out: string }> {
  const out = folder(name);
  const b = await regmark(root, 'build', 'NEW', '--as-at', asAt, '--format', 'pdf', '--out', out);
  expectNoCrash(b);
  expect(b.code).toBe(0);
  return { text: await pdfText(out), out: b.out };
}

describe.concurrent('build --as-at', () => {
  it('renders v1.0 before v2.0 takes effect and v2.0 after', async () => {
    const { root } = await slippedRepo('build');

    const { text: t1, out: said } = await builtText(root, '2025-06-01', 'build-out-early');
    expect(said).toContain('new-v1');
    expect(t1).toContain('Version 1.0');
    expect(t1).toContain(V1_ONLY);
    expect(t1).not.toContain(V2_ONLY);
    expect(t1).not.toContain('Version 2.0');

    const { text: t2 } = await builtText(root, '2026-02-01', 'build-out-late');
    expect(t2).toContain('Version 2.0');
    expect(t2).toContain(V2_ONLY);
    expect(t2).not.toContain(V1_ONLY);
    expect(t2).not.toContain('Version 1.0');
  }, TIMEOUT);

  it('inside the designation window renders the newest version whose effective has come (v2.0)', async () => {
    const { root } = await slippedRepo('build-window', { effectiveBy: '2025-12-20' });
    const { text: t } = await builtText(root, '2025-12-15', 'build-out-window');
    expect(t).toContain('Version 2.0');
    expect(t).toContain(V2_ONLY);
  }, TIMEOUT);

  it('renders v1.0 from a folder previous as well', async () => {
    const repo = await folderPreviousRepo('build-folder');
    const { text: t } = await builtText(repo, '2025-06-01', 'build-out-folder');
    expect(t).toContain('Version 1.0');
    expect(t).toContain(V1_ONLY);
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// 11. redline without --base compares against previous
// ---------------------------------------------------------------------------------------------------------------

function pandocPlain(file: string, trackChanges: 'accept' | 'reject'): Promise<string> {
  return readBack('pandoc', [`--track-changes=${trackChanges}`, '-t', 'plain', '--wrap=none', file], dirname(file));
}

describe.concurrent('redline without --base', () => {
  it('compares v2.0 against previous: rejecting the changes gives v1.0, accepting them gives v2.0', async () => {
    const { root } = await slippedRepo('redline');
    const out = folder('redline-out');
    const r = await regmark(root, 'redline', 'NEW', '--out', out);
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(r.out).toContain('new-v1');
    const docx = readdirSync(out).find((f) => f.endsWith('.docx'));
    expect(docx).toBe('SEC Appendix NEW v2.0 redline against v1.0.docx');

    const rejected = await pandocPlain(join(out, docx!), 'reject');
    expect(rejected).toContain(V1_ONLY);
    expect(rejected).not.toContain(V2_ONLY);

    const accepted = await pandocPlain(join(out, docx!), 'accept');
    expect(accepted).toContain(V2_ONLY);
    expect(accepted).not.toContain(V1_ONLY);
    expect(accepted).toContain(`${TERM} ${TERM_TEXT}`); // the retained definition is an insertion
  }, TIMEOUT);

  it('compares against a folder previous too', async () => {
    const repo = await folderPreviousRepo('redline-folder');
    const out = folder('redline-folder-out');
    const r = await regmark(repo, 'redline', 'NEW', '--out', out, '--format', 'docx');
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['SEC Appendix NEW v2.0 redline against v1.0.docx']);
    expect(await pandocPlain(join(out, 'SEC Appendix NEW v2.0 redline against v1.0.docx'), 'reject')).toContain(V1_ONLY);
  }, TIMEOUT);
});
