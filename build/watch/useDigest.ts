/**
 * What a local re-check (localEdit.ts) keeps so that the corpus-wide checks need not walk every term use: for
 * unused-definition one sample use per (term, user interval, self-use) — all that check's answer depends on — and
 * which files' uses share each, so that a file's share can be taken out and put back; and one clause per distinct
 * in-force interval, all that evaluationDates reads from the provision table. A watch session builds a
 * CorpusDigest from its corpus; `check` restores a StoredDigest from the check index (checkIndex.ts).
 */
import type { Corpus, ProvisionSymbol, TermUse, UserRef } from '../model/corpus.js';
import { intervalKey, userInterval } from '../checks/users.js';

export interface UseDigest {
  /** Replaces a file's uses (keyed by the tables' intervals, which a local edit leaves alone). */
  replace(corpus: Corpus, file: string, uses: TermUse[]): void;
  /** Every use the digest holds in full. */
  allUses(): TermUse[];
  /** One use per (term, user interval, self): what unused-definition needs. */
  sampleUses(): TermUse[];
  /** The provision table as evaluationDates sees it (a clause per interval), lookups falling through to the whole table. */
  provisionsForDates(corpus: Corpus): Map<string, ProvisionSymbol>;
}

/**
 * The digest as the index stores it: per key, the key, its sample's term and user (a provision's ID or a
 * definition's term, and the user's document), and the files (by number) whose uses share it.
 */
export type StoredSample = [key: string, term: string, user: 'provision' | 'definition', name: string, doc: string, files: number[]];
export interface StoredDigestData {
  samples: StoredSample[];
  /** [interval key, ID of a clause in force over it]. */
  intervals: Array<[string, string]>;
}

/** A Map whose own entries are iterated, while lookups also see a fuller table behind it. */
export class OverlayMap<K, V> extends Map<K, V> {
  constructor(
    entries: Iterable<readonly [K, V]>,
    private readonly behind: Map<K, V>,
  ) {
    super(entries);
  }
  override get(key: K): V | undefined {
    return super.has(key) ? super.get(key) : this.behind.get(key);
  }
  override has(key: K): boolean {
    return super.has(key) || this.behind.has(key);
  }
}

function keyOf(term: string, window: string, self: string): string {
  return `${term}\u0000${window}\u0000${self}`;
}

/** Whose own definition a use is in (the document), or '' for any other use: unused-definition tells them apart. */
function selfOf(use: TermUse): string {
  return use.user.kind === 'definition' && use.user.term === use.term ? use.user.doc : '';
}

function useKey(corpus: Corpus, use: TermUse): string | undefined {
  const interval = userInterval(corpus, use.user);
  return interval ? keyOf(use.term, intervalKey(interval), selfOf(use)) : undefined;
}

/** A stored row for a sample use; papers and earlier versions are never stored (checkIndex.ts). */
function rowOf(key: string, use: TermUse, files: number[]): StoredSample | undefined {
  const { term, user } = use;
  if (user.kind === 'paper' || user.version) return undefined;
  return [key, term, user.kind, user.kind === 'provision' ? user.id : user.term, user.doc, files];
}

/** One clause per distinct in-force interval: all that evaluationDates reads from the provision table. */
function clausePerInterval(corpus: Corpus): Map<string, ProvisionSymbol> {
  const intervals = new Map<string, ProvisionSymbol>();
  for (const p of corpus.provisions.values()) if (p.record.kind === 'clause' && !intervals.has(intervalKey(p.inForce))) intervals.set(intervalKey(p.inForce), p);
  return intervals;
}

function overlayIntervals(corpus: Corpus, intervals: Iterable<[string, ProvisionSymbol]>): Map<string, ProvisionSymbol> {
  return new OverlayMap([...intervals].map(([k, p]) => [`\u0000interval ${k}`, p] as const), corpus.provisions);
}

/** The digest of a corpus in memory: per key, a sample use from each file that has one. */
export class CorpusDigest implements UseDigest {
  private usesByFile = new Map<string, TermUse[]>();
  private keysByFile = new Map<string, Set<string>>();
  private samples = new Map<string, Map<string, TermUse>>();
  private intervals: Map<string, ProvisionSymbol>;

  constructor(corpus: Corpus) {
    for (const use of corpus.uses) (this.usesByFile.get(use.file) ?? this.usesByFile.set(use.file, []).get(use.file)!).push(use);
    for (const use of corpus.uses) this.add(corpus, use);
    this.intervals = clausePerInterval(corpus);
  }

  private add(corpus: Corpus, use: TermUse): void {
    const key = useKey(corpus, use);
    if (key === undefined) return;
    let perFile = this.samples.get(key);
    if (!perFile) this.samples.set(key, (perFile = new Map()));
    if (perFile.has(use.file)) return;
    perFile.set(use.file, use);
    (this.keysByFile.get(use.file) ?? this.keysByFile.set(use.file, new Set()).get(use.file)!).add(key);
  }

  replace(corpus: Corpus, file: string, uses: TermUse[]): void {
    for (const key of this.keysByFile.get(file) ?? []) {
      const perFile = this.samples.get(key)!;
      perFile.delete(file);
      if (!perFile.size) this.samples.delete(key);
    }
    this.keysByFile.delete(file);
    for (const use of uses) this.add(corpus, use);
    this.usesByFile.set(file, uses);
  }

  allUses(): TermUse[] {
    return ([] as TermUse[]).concat(...this.usesByFile.values());
  }

  sampleUses(): TermUse[] {
    const out: TermUse[] = [];
    for (const perFile of this.samples.values()) out.push(perFile.values().next().value!);
    return out;
  }

  provisionsForDates(corpus: Corpus): Map<string, ProvisionSymbol> {
    return overlayIntervals(corpus, this.intervals);
  }
}

/**
 * What the index stores for a corpus, made in one pass over its uses: the same rows as a CorpusDigest would give,
 * without counting. Uses of one record share one user object, so each user's window is worked out once, and the
 * terms are the trie's own strings, so the maps look them up without hashing them again.
 */
export function storedDigestOf(corpus: Corpus, files: readonly string[]): StoredDigestData {
  const number = new Map(files.map((f, i) => [f, i]));
  const windows = new Map<UserRef, string | undefined>();
  const rows = new Map<string, Map<string, { row: StoredSample; files: Set<number> }>>();
  for (const use of corpus.uses) {
    const { user } = use;
    let window = windows.get(user);
    if (window === undefined && !windows.has(user)) {
      const interval = userInterval(corpus, user);
      windows.set(user, (window = interval ? intervalKey(interval) : undefined));
    }
    if (window === undefined) continue;
    const self = selfOf(use);
    const place = self ? `${window}\u0000${self}` : window;
    let byTerm = rows.get(place);
    if (!byTerm) rows.set(place, (byTerm = new Map()));
    let entry = byTerm.get(use.term);
    if (!entry) {
      const row = rowOf(keyOf(use.term, window, self), use, []);
      if (!row) continue;
      byTerm.set(use.term, (entry = { row, files: new Set() }));
    }
    entry.files.add(number.get(use.file)!);
  }
  const samples: StoredSample[] = [];
  for (const byTerm of rows.values()) for (const { row, files } of byTerm.values()) samples.push([row[0], row[1], row[2], row[3], row[4], [...files]]);
  return { samples, intervals: [...clausePerInterval(corpus)].map(([k, p]) => [k, p.id]) };
}

/**
 * A digest read back from the index, used for one re-check and stored again. It is read lazily: a sample becomes a
 * use only when asked for, and a replaced file is only struck out of the stored rows.
 */
export class StoredDigest implements UseDigest {
  private readonly number: Map<string, number>;
  private readonly replaced = new Set<number>();
  private readonly fresh = new Map<string, { sample: TermUse; files: Set<number> }>();
  private readonly freshUses: TermUse[] = [];
  private users: Map<StoredSample, UserRef> | undefined;

  constructor(
    private readonly data: StoredDigestData,
    private readonly files: readonly string[],
  ) {
    this.number = new Map(files.map((f, i) => [f, i]));
  }

  replace(corpus: Corpus, file: string, uses: TermUse[]): void {
    const n = this.number.get(file);
    if (n === undefined) throw new Error(`${file} is not in the index`);
    this.replaced.add(n);
    for (const entry of this.fresh.values()) entry.files.delete(n);
    for (const use of uses) {
      const key = useKey(corpus, use);
      if (key === undefined) continue;
      let entry = this.fresh.get(key);
      if (!entry) this.fresh.set(key, (entry = { sample: use, files: new Set() }));
      entry.files.add(n);
    }
    this.freshUses.push(...uses);
  }

  allUses(): TermUse[] {
    return this.freshUses;
  }

  private live(files: readonly number[]): boolean {
    // More files than were replaced: one of them was not.
    return files.length > this.replaced.size || files.some((f) => !this.replaced.has(f));
  }

  /** Whether a row names a replaced file (most re-checks replace one: a native includes then). */
  private touches(files: readonly number[]): boolean {
    if (this.replaced.size === 1) return files.includes(this.replaced.values().next().value!);
    return files.some((f) => this.replaced.has(f));
  }

  sampleUses(): TermUse[] {
    const out: TermUse[] = [];
    // One object per user, as in a bound corpus, kept beside the rows: the checks look each user's window up once.
    const users = (this.users ??= new Map());
    for (const row of this.data.samples) {
      const files = row[5];
      if (this.replaced.size && !this.live(files)) continue;
      let user = users.get(row);
      if (!user) users.set(row, (user = row[2] === 'provision' ? { kind: 'provision', id: row[3], doc: row[4] } : { kind: 'definition', term: row[3], doc: row[4] }));
      out.push({ term: row[1], file: this.files[files[0]!]!, offset: 0, user });
    }
    for (const entry of this.fresh.values()) if (entry.files.size) out.push(entry.sample);
    return out;
  }

  provisionsForDates(corpus: Corpus): Map<string, ProvisionSymbol> {
    return overlayIntervals(corpus, this.data.intervals.flatMap(([k, id]) => (corpus.provisions.has(id) ? [[k, corpus.provisions.get(id)!] as [string, ProvisionSymbol]] : [])));
  }

  /** The rows to store again, the replaced files' shares swapped for their new ones. */
  stored(): StoredDigestData {
    const samples: StoredSample[] = [];
    const merged = new Set<string>();
    for (const row of this.data.samples) {
      const [key, term, kind, name, doc, files] = row;
      const fresh = this.fresh.size ? this.fresh.get(key) : undefined;
      if (!fresh && !this.touches(files)) {
        samples.push(row);
        continue;
      }
      const kept = files.filter((f) => !this.replaced.has(f));
      if (fresh) {
        kept.push(...fresh.files);
        merged.add(key);
      }
      if (kept.length) samples.push([key, term, kind, name, doc, kept]);
    }
    for (const [key, { sample, files }] of this.fresh) {
      const row = merged.has(key) || !files.size ? undefined : rowOf(key, sample, [...files]);
      if (row) samples.push(row);
    }
    return { samples, intervals: this.data.intervals };
  }
}
