/**
 * Reads each document's chain of earlier versions: the version a manifest's `previous` names, that version's
 * `previous`, and so on. A version lives in a git commit, tag or branch of the content root's repository (read
 * with git, never through the work tree) or in a folder with the content layout. Its files go through the same
 * content-keyed parse cache as the working tree's, so an unchanged file is parsed once for every version.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ManifestData, ParsedFile } from '../model/corpus.js';
import { changedSince, GitError, listTree, readBlobs, repositoryTop, resolveCommit } from './gitRepository.js';
import { parseSources, type LoadOptions, type SourceBytes } from './loadSources.js';
import { isInside } from '../model/paths.js';
import { decodeUtf8 } from './decode.js';
import { csv, type SourceRef } from './discover.js';

export interface LoadedVersion {
  doc: string;
  /** The `previous` value that named it, as written: its display name in `<ref>:<path>`. */
  ref: string;
  /** When it was read from a folder: that folder's path from the content root, so its files can be opened. */
  folder?: string;
  manifest: ManifestData;
  /** Key of its manifest in `texts`. */
  manifestPath: string;
  files: ParsedFile[];
}

export interface VersionProblem {
  code: 'invalid-previous' | 'unsafe-path';
  /** The working-tree manifest whose chain has the problem. */
  file: string;
  offset: number;
  message: string;
}

export interface LoadedHistory {
  /** Earlier versions per document, newest first (the working tree's `previous` first). */
  chains: Map<string, LoadedVersion[]>;
  /** Texts of earlier versions, keyed `<ref>:<path>`. */
  texts: Map<string, string>;
  problems: VersionProblem[];
}

/** A file of a version: its bytes, or the knowledge that it is the working tree's file unchanged. */
type VersionFile = SourceBytes & { unchanged?: boolean };

interface Source {
  /** Identity for cycle detection: the commit, or the folder's real path. */
  identity: string;
  /** A folder's path from the content root; undefined for a git commit, whose files are not on disk. */
  folder?: string;
  read(doc: string): Promise<VersionFile[]>;
}

class ChainError extends Error {}

/** What a version of `doc` consists of, relative to a content root. */
function docPaths(doc: string): { manifest: string; clauses: string; definitions: string } {
  return { manifest: `documents/${doc}.md`, clauses: `clauses/${doc}`, definitions: `definitions/${doc}.md` };
}

function roleOf(path: string, doc: string): SourceRef['role'] | undefined {
  const p = docPaths(doc);
  if (path === p.manifest) return 'manifest';
  if (path === p.definitions) return 'definitions';
  if (path.startsWith(p.clauses + '/') && path.endsWith('.md') && !path.slice(p.clauses.length + 1).includes('/') && !path.split('/').pop()!.startsWith('.')) return 'clauses';
  if (path.startsWith(p.clauses + '/') && !path.slice(p.clauses.length + 1).includes('/') && csv(path.split('/').pop()!)) return 'matrix';
  return undefined;
}

/** The working tree's parse, so that a file of an earlier version with the same text is not parsed again. */
export interface WorkingTree {
  files: ParsedFile[];
  texts: Map<string, string>;
}

export class VersionReader {
  private top: Promise<string | undefined> | undefined;
  /** Every document of a code usually names the same `previous`: it is resolved, and its commit read, once. */
  private readonly sources = new Map<string, Promise<Source>>();
  private readonly byPath: Map<string, ParsedFile>;
  constructor(
    private readonly root: string,
    private readonly options: LoadOptions,
    private readonly tree: WorkingTree = { files: [], texts: new Map() },
  ) {
    this.byPath = new Map(tree.files.map((f) => [f.path, f]));
  }

  /** The repository's top folder; folders named by `previous` are relative to it (the content root outside git). */
  private repository(): Promise<string | undefined> {
    return (this.top ??= repositoryTop(this.root));
  }

  private source(previous: string): Promise<Source> {
    let found = this.sources.get(previous);
    if (!found) this.sources.set(previous, (found = this.resolveSource(previous)));
    return found;
  }

  private async resolveSource(previous: string): Promise<Source> {
    if (previous.startsWith('-')) throw new ChainError(`\`previous: ${previous}\` looks like an option; a git ref or folder may not begin with "-"`);
    const top = await this.repository();
    const base = top ?? this.root;
    const boundary = realpathSync(base);
    const asDir = resolve(base, previous);
    if (existsSync(asDir) && statSync(asDir).isDirectory()) {
      const real = realpathSync(asDir);
      if (!isInside(boundary, real)) throw new UnsafePath(`\`previous: ${previous}\` resolves to ${real}, outside the ${top ? 'repository' : 'content root'}; it is not read`);
      const folder = relative(realpathSync(this.root), real).split(sep).join('/') || '.';
      return { identity: `dir:${real}`, folder, read: (doc) => readFolder(real, doc) };
    }
    if (isAbsolute(previous) || previous.split(/[\\/]/).includes('..')) {
      throw new UnsafePath(`\`previous: ${previous}\` is a path outside the ${top ? 'repository' : 'content root'}; it is not read`);
    }
    if (!top) throw new ChainError(`\`previous: ${previous}\` is not a folder, and the content root is not in a git repository`);
    let commit: string;
    try {
      commit = await resolveCommit(top, previous);
    } catch (error) {
      if (error instanceof GitError) throw new ChainError(`\`previous: ${previous}\`: ${error.message}${previous.includes('/') ? ' (nor a folder)' : ''}`);
      throw error;
    }
    const prefix = relative(top, realpathSync(this.root)).split(sep).join('/');
    let content: Promise<Map<string, CommitFile>> | undefined;
    // A clause or definitions file git finds unchanged since the commit, of the size the working tree read, is
    // the working tree's own: its blob need not be read, decoded or parsed.
    const unchanged = (path: string, size: number) => {
      const text = this.tree.texts.get(path);
      return this.byPath.get(path)?.role !== 'manifest' && this.byPath.has(path) && text !== undefined && Buffer.byteLength(text) === size;
    };
    return {
      identity: `git:${commit}`,
      read: async (doc) => {
        content ??= readCommit(top, commit, prefix, unchanged);
        return [...(await content)].filter(([, f]) => f.doc === doc).map(([path, f]) => ({ ref: { path, role: f.role, doc }, ...(f.bytes ? { bytes: f.bytes } : { unchanged: true }) }));
      },
    };
  }

  /** The chain behind one working-tree manifest; problems are located at its `previous` key. */
  async chain(doc: string, head: ManifestData, headPath: string, texts: Map<string, string>, problems: VersionProblem[]): Promise<LoadedVersion[]> {
    const versions: LoadedVersion[] = [];
    // The working tree is the head of every chain: a `previous` that leads back to it is a loop.
    const seen = new Set<string>([`dir:${realpathSync(this.root)}`]);
    let previous = head.previous;
    let naming = `${doc} v${head.version ?? '?'}`;
    const at = head.keyOffsets.previous ?? head.offset;
    while (previous !== undefined) {
      try {
        const source = await this.source(previous);
        if (source.identity === `dir:${realpathSync(this.root)}`) throw new ChainError(`\`previous: ${previous}\` is the working tree itself; name the folder or git ref that holds the version ${doc} v${head.version ?? '?'} replaces`);
        if (seen.has(source.identity)) throw new ChainError(`the chain of ${doc} loops: ${naming} names \`${previous}\`, which is already in the chain`);
        seen.add(source.identity);
        const version = await this.readVersion(doc, previous, source, texts);
        versions.push(version);
        naming = `${doc} v${version.manifest.version ?? '?'} (${previous})`;
        previous = version.manifest.previous;
      } catch (error) {
        if (error instanceof ChainError || error instanceof UnsafePath) {
          const where = versions.length ? ` (in ${naming})` : '';
          problems.push({ code: error instanceof UnsafePath ? 'unsafe-path' : 'invalid-previous', file: headPath, offset: at, message: error.message + where });
          break;
        }
        throw error;
      }
    }
    return versions;
  }

  private async readVersion(doc: string, ref: string, source: Source, texts: Map<string, string>): Promise<LoadedVersion> {
    const p = docPaths(doc);
    const bytes = await source.read(doc);
    if (!bytes.some((b) => b.ref.role === 'manifest' && b.bytes)) throw new ChainError(`\`previous: ${ref}\` has no ${p.manifest}: it holds no version of ${doc}`);
    const key = (path: string) => `${ref}:${path}`;
    // A file whose text the working tree has too was parsed already: its records are shared, not parsed again.
    const reused: ParsedFile[] = [];
    const fresh: SourceBytes[] = [];
    for (const b of bytes) {
      if (b.unchanged) {
        reused.push({ ...this.byPath.get(b.ref.path)!, path: key(b.ref.path) });
        texts.set(key(b.ref.path), this.tree.texts.get(b.ref.path)!);
        continue;
      }
      const same = b.bytes && b.ref.role !== 'manifest' ? this.byPath.get(b.ref.path) : undefined;
      const text = same && b.bytes ? decodeUtf8(b.bytes) : undefined;
      if (same && text && text.invalidAt === undefined && this.tree.texts.get(b.ref.path) === text.text) {
        reused.push({ ...same, path: key(b.ref.path) });
        texts.set(key(b.ref.path), text.text);
      } else fresh.push(b);
    }
    const loaded = await parseSources(fresh, this.options);
    for (const [path, text] of loaded.texts) texts.set(key(path), text);
    for (const file of loaded.files) file.path = key(file.path);
    loaded.files.push(...reused);
    const manifestFile = loaded.files.find((f) => f.role === 'manifest')!;
    const bad = manifestFile.diagnostics[0];
    if (!manifestFile.manifest || bad) throw new ChainError(`the manifest of ${doc} at \`${ref}\` cannot be read: ${bad?.message ?? 'no front matter'}`);
    if (manifestFile.manifest.kind !== 'document') throw new ChainError(`\`previous: ${ref}\`: its ${p.manifest} is a consultation, not a version of document ${doc}`);
    const files = loaded.files.filter((f) => f.role !== 'manifest');
    files.sort((a, b) => (a.role !== b.role ? (a.role < b.role ? -1 : 1) : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { doc, ref, ...(source.folder !== undefined ? { folder: source.folder } : {}), manifest: manifestFile.manifest, manifestPath: manifestFile.path, files };
  }
}

class UnsafePath extends Error {}

async function readFolder(dir: string, doc: string): Promise<SourceBytes[]> {
  const { manifest, clauses, definitions } = docPaths(doc);
  const out: SourceBytes[] = [];
  const readSafe = async (path: string, role: SourceRef['role']) => {
    const full = join(dir, path);
    if (!existsSync(full)) return;
    // A file of the version must not lead out of its folder (a symlink to elsewhere is not read).
    if (!isInside(dir, realpathSync(full))) return;
    out.push({ ref: { path, role, doc }, bytes: await readFile(full) });
  };
  await readSafe(manifest, 'manifest');
  await readSafe(definitions, 'definitions');
  let names: string[] = [];
  try {
    names = (await readdir(join(dir, clauses), { withFileTypes: true })).filter((e) => !e.isDirectory()).map((e) => e.name).sort();
  } catch {
    // A version without clauses is read as one.
  }
  for (const name of names) {
    const path = `${clauses}/${name}`;
    const role = roleOf(path, doc);
    if (role === 'clauses' || role === 'matrix') await readSafe(path, role);
  }
  return out;
}

interface CommitFile {
  role: SourceRef['role'];
  doc: string;
  /** Absent when the working tree holds the same file unchanged. */
  bytes?: Uint8Array;
}

/**
 * Every content file of a commit (under the content root's prefix): one `ls-tree`, one `diff` against the work
 * tree, and one `cat-file` for the blobs that differ from it.
 */
async function readCommit(top: string, commit: string, prefix: string, unchanged: (path: string, size: number) => boolean): Promise<Map<string, CommitFile>> {
  const dirs = ['documents', 'clauses', 'definitions'].map((p) => (prefix ? `${prefix}/${p}` : p));
  const [entries, changed] = await Promise.all([listTree(top, commit, dirs), changedSince(top, commit, dirs)]);
  const wanted = entries.flatMap((e) => {
    const local = prefix ? e.path.slice(prefix.length + 1) : e.path;
    if (prefix && !e.path.startsWith(prefix + '/')) return [];
    const doc = /^(?:documents|definitions)\/([^/]+)\.md$/.exec(local)?.[1] ?? /^clauses\/([^/]+)\//.exec(local)?.[1];
    const role = doc === undefined ? undefined : roleOf(local, doc);
    return role && doc ? [{ ...e, local, doc, role, same: !changed.has(e.path) && unchanged(local, e.size) }] : [];
  });
  const blobs = await readBlobs(top, wanted.filter((e) => !e.same).map((e) => e.blob));
  return new Map(wanted.map((e) => [e.local, { role: e.role, doc: e.doc, ...(e.same ? {} : { bytes: blobs.get(e.blob)! }) }]));
}

/** Reads every chain named by the working tree's manifests. */
export async function loadHistory(root: string, tree: WorkingTree, options: LoadOptions): Promise<LoadedHistory> {
  const history: LoadedHistory = { chains: new Map(), texts: new Map(), problems: [] };
  const withPrevious = tree.files.filter((f) => f.role === 'manifest' && f.manifest?.kind === 'document' && f.manifest.previous !== undefined);
  if (!withPrevious.length) return history;
  const reader = new VersionReader(root, options, tree);
  await Promise.all(
    withPrevious.map(async (f) => {
      history.chains.set(f.doc, await reader.chain(f.doc, f.manifest!, f.path, history.texts, history.problems));
    }),
  );
  return history;
}
