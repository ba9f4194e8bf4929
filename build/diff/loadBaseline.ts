/**
 * The baseline of a redline as a content root on disk: a directory as given, or a git ref of the content
 * repository exported into a temporary folder. git is run without a shell, refs that look like options are
 * refused, and `--end-of-options` keeps a ref from ever being read as one.
 */
import { InputError } from '../diagnostics/catalogue.js';
import { execFile } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isInside } from '../model/paths.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { git, GitError, repositoryTop, resolveCommit } from '../parse/gitRepository.js';

export class BaselineError extends InputError {}

export interface Baseline {
  root: string;
  /** What to call it on covers and in file names: `v16.0`, `main~3 (a1b2c3d)`, a folder name. */
  label: string;
  /** The commit, for a git baseline. */
  commit?: string;
  dispose(): Promise<void>;
}

const CONTENT = ['documents', 'clauses', 'definitions', 'templates'];

/**
 * A folder baseline must stay inside the content root's repository (or the content root outside git), whether it
 * was typed (`--base`) or written in a manifest (`fromCorpus`: a consultation's `baseline:`, then read relative to
 * the content root only): regmark never reads a corpus from elsewhere on the machine.
 */
export async function loadBaseline(contentRoot: string, base: string, options: { fromCorpus?: boolean } = {}): Promise<Baseline> {
  // A folder is read relative to the working directory, as the shell completed it; else relative to the content root.
  const candidates = options.fromCorpus ? [resolve(contentRoot, base)] : [resolve(base), resolve(contentRoot, base)];
  const asDir = candidates.find((d) => existsSync(d) && statSync(d).isDirectory()) ?? resolve(contentRoot, base);
  if (existsSync(asDir) && statSync(asDir).isDirectory()) {
    const top = await repositoryTop(contentRoot);
    const boundary = realpathSync(top ?? contentRoot);
    if (!isInside(boundary, realpathSync(asDir))) {
      // The rule stands (nothing outside the repository is read); the message says how to bring the baseline inside it.
      const remedy = top
        ? `copy the folder into the repository (e.g. versions/<name>/ under the content root) and name that, or commit the baseline in this repository and name its git ref (a tag, branch or commit)`
        : `copy the folder into the content root (e.g. versions/<name>/) and name that`;
      throw new BaselineError(`--base ${base}: unsafe-path: the folder resolves to ${realpathSync(asDir)}, outside the content root's ${top ? 'repository' : 'folder'}; it is not read: ${remedy}`);
    }
    if (!existsSync(join(asDir, 'documents'))) throw new BaselineError(`--base ${base}: the folder has no documents/ (it must have the content layout)`);
    return { root: asDir, label: base.replace(/\/+$/, '').split('/').pop() ?? base, dispose: async () => {} };
  }
  const top = await repositoryTop(contentRoot);
  if (!top) throw new BaselineError(`--base ${base}: not a folder, and ${contentRoot} is not in a git repository`);
  let commit: string;
  try {
    commit = await resolveCommit(top, base);
  } catch (error) {
    if (error instanceof GitError) throw new BaselineError(`--base ${base}: ${error.message}`);
    throw error;
  }
  const prefix = resolve(contentRoot).slice(top.length).replace(/^[\\/]+/, '');
  const dir = await mkdtemp(join(tmpdir(), 'regmark-base-'));
  try {
    const paths = CONTENT.map((c) => (prefix ? `${prefix}/${c}` : c));
    const listed = (await git(top, ['ls-tree', '-r', '--name-only', '-z', commit, '--', ...paths])).stdout.toString().split('\0').filter(Boolean);
    if (!listed.length) throw new BaselineError(`--base ${base}: commit ${commit.slice(0, 12)} has no documents/, clauses/ or definitions/ under ${prefix || 'the repository root'}`);
    const archive = await git(top, ['archive', '--format=tar', commit, '--', ...paths.filter((p) => listed.some((l) => l.startsWith(p + '/')))], 'buffer');
    await extractTar(archive.stdout as unknown as Buffer, dir, prefix);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error instanceof BaselineError ? error : new BaselineError(`--base ${base}: cannot read it from git: ${(error as Error).message.split('\n')[0]}`);
  }
  return { root: dir, label: `${base} (${commit.slice(0, 7)})`, commit, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Pipes the archive into tar; stripping the content root's prefix so the baseline has the plain layout. */
async function extractTar(tar: Buffer, dir: string, prefix: string): Promise<void> {
  await new Promise<void>((resolvePromise, reject) => {
    const child = execFile('tar', ['-x', '-C', dir, ...(prefix ? [`--strip-components=${prefix.split('/').length}`] : [])], (error) => (error ? reject(error) : resolvePromise()));
    child.stdin!.end(tar);
  });
}
