/**
 * Reading a content repository's history with git itself: always run without a shell, with arguments, never
 * touching the work tree. A ref that looks like an option is refused before git sees it, and
 * `--end-of-options` keeps any ref from being read as one.
 */
import { promisify } from 'node:util';

/** Loaded when git is first run: a check of a corpus without history never loads it (with its sockets, some 3 ms). */
const childProcess = () => import('node:child_process');

export class GitError extends Error {}

export async function git(cwd: string, args: string[], encoding: 'utf8' | 'buffer' = 'utf8') {
  const run = promisify((await childProcess()).execFile);
  return run('git', args, { cwd, encoding, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
}

/** The repository's top folder, or undefined when `dir` is not inside a git work tree. */
export async function repositoryTop(dir: string): Promise<string | undefined> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).stdout.toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The commit a ref names; a GitError saying why not (with the fix for a shallow clone), for the caller to prefix with the ref. */
export async function resolveCommit(top: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new GitError('looks like an option; a git ref may not begin with "-"');
  try {
    return (await git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).stdout.toString().trim();
  } catch {
    let shallow = false;
    try {
      shallow = (await git(top, ['rev-parse', '--is-shallow-repository'])).stdout.toString().trim() === 'true';
    } catch {
      // An old git cannot say; the plain message stands.
    }
    throw new GitError(`no such commit, branch or tag${shallow ? ' — this is a shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in CI)' : ''}`);
  }
}

export interface TreeEntry {
  /** Path relative to the repository top. */
  path: string;
  blob: string;
  size: number;
}

/** Regular files (no symlinks, no submodules) under the given paths of a commit. */
export async function listTree(top: string, commit: string, paths: string[]): Promise<TreeEntry[]> {
  const out = (await git(top, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit, '--', ...paths])).stdout.toString();
  const entries: TreeEntry[] = [];
  for (const line of out.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, blob, size] = line.slice(0, tab).split(/ +/);
    if (type === 'blob' && (mode === '100644' || mode === '100755') && blob) entries.push({ path: line.slice(tab + 1), blob, size: Number(size) });
  }
  return entries;
}

/** Paths (relative to the top) under `paths` whose working-tree content differs from the commit's, or that are gone. */
export async function changedSince(top: string, commit: string, paths: string[]): Promise<Set<string>> {
  const out = (await git(top, ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', commit, '--', ...paths])).stdout.toString();
  return new Set(out.split('\0').filter(Boolean));
}

/** The bytes of many blobs in one `git cat-file --batch` call. */
export async function readBlobs(top: string, blobs: string[]): Promise<Map<string, Uint8Array>> {
  const result = new Map<string, Uint8Array>();
  if (!blobs.length) return result;
  const unique = [...new Set(blobs)];
  const { execFile } = await childProcess();
  const out = await new Promise<Buffer>((resolvePromise, reject) => {
    const child = execFile('git', ['cat-file', '--batch'], { cwd: top, encoding: 'buffer', maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout) =>
      error ? reject(error) : resolvePromise(stdout as unknown as Buffer),
    );
    child.stdin!.end(unique.join('\n') + '\n');
  });
  let at = 0;
  for (const blob of unique) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    if (header[1] !== 'blob') throw new GitError(`git cat-file: ${blob} is not a blob`);
    const size = Number(header[2]);
    result.set(blob, out.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return result;
}
