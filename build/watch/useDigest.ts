/**
 * What a local re-check (localEdit.ts) keeps so that the corpus-wide checks need not walk every term use: for
 * unused-definition the distinct (term, user window, self) triples — all that check's answer depends on — and
 * which files' uses share each, so that a file's share can be taken out and put back; and one clause per distinct
 * in-force interval, all that evaluationDates reads from the provision table. A watch session builds a
 * CorpusDigest from its corpus; `check` restores a StoredDigest from the check index (checkIndex.ts).
 */
import type { Corpus, ProvisionSymbol, TermUse, TermUsers } from '../model/corpus.js';
import type { Interval } from '../model/dates.js';
import { addTermUser, intervalKey, intervalOfKey, IntervalPool, userInterval } from '../checks/users.js';
import { clauseIntervals } from '../checks/context.js';

export interface UseDigest {
  /**
   * Replaces a file's uses (keyed by the tables' intervals, which a local edit leaves alone). Returns the terms
   * whose users may have changed with it: no other term's did.
   */
  replace(corpus: Corpus, file: string, uses: TermUse[]): Set<string>;
  /** Every use the digest holds in full. */
  allUses(): TermUse[];
  /** The users of each term, or of the given terms only, grouped as unused-definition reads them (Corpus.termUsers). */
  termUsers(corpus: Corpus, terms?: ReadonlySet<string>): TermUsers;
  /** Each distinct in-force interval of a clause: all that evaluationDates reads from the provision table. */
  clauseIntervals(): Interval[];
}

/**
 * A row of the digest as the index stores it: a term, the window of some of its users (by number, in `windows`),
 * whose own definition they are in ('' for any other user), and the files (by number) whose uses share the row.
 */
export type StoredRow = [term: string, window: number, self: string, files: number[]];
export interface StoredDigestData {
  /** Users' in-force windows, as interval keys ("from/until"). */
  windows: string[];
  rows: StoredRow[];
  /** Each distinct in-force interval of a clause, as an interval key. */
  intervals: string[];
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

/**
 * The terms of the keys a file had before or has now but not both. A term's users are the keys of every file, so
 * a term whose keys in this file stayed the same has the same users, whatever else in its text changed.
 */
function changedTerms(before: ReadonlySet<string>, after: ReadonlySet<string>): Set<string> {
  const terms = new Set<string>();
  for (const key of before) if (!after.has(key)) terms.add(key.slice(0, key.indexOf('\u0000')));
  for (const key of after) if (!before.has(key)) terms.add(key.slice(0, key.indexOf('\u0000')));
  return terms;
}

/** Whose own definition a use is in (the document), or '' for any other use: unused-definition tells them apart. */
function selfOf(use: TermUse): string {
  return use.user.kind === 'definition' && use.user.term === use.term ? use.user.doc : '';
}

/** A use's window as an interval key; undefined for a use no digest holds (papers, earlier versions) or an unknown user. */
function windowOf(corpus: Corpus, use: TermUse): string | undefined {
  if (use.user.kind === 'paper' || use.user.version) return undefined;
  const interval = userInterval(corpus, use.user);
  return interval ? intervalKey(interval) : undefined;
}

/** Each distinct in-force interval of a clause, by key: all that evaluationDates reads from the provision table. */
function clauseIntervalsOf(corpus: Corpus): Map<string, Interval> {
  const intervals = new Map<string, Interval>();
  for (const interval of clauseIntervals(corpus)) {
    const key = intervalKey(interval);
    if (!intervals.has(key)) intervals.set(key, interval);
  }
  return intervals;
}

/** The digest of a corpus in memory: per key, a sample use from each file that has one. */
export class CorpusDigest implements UseDigest {
  private usesByFile = new Map<string, TermUse[]>();
  private keysByFile = new Map<string, Set<string>>();
  private samples = new Map<string, Map<string, TermUse>>();
  private intervals: Interval[];

  constructor(corpus: Corpus) {
    for (const use of corpus.uses) (this.usesByFile.get(use.file) ?? this.usesByFile.set(use.file, []).get(use.file)!).push(use);
    for (const use of corpus.uses) this.add(corpus, use);
    this.intervals = [...clauseIntervalsOf(corpus).values()];
  }

  private add(corpus: Corpus, use: TermUse): void {
    const window = windowOf(corpus, use);
    if (window === undefined) return;
    const key = keyOf(use.term, window, selfOf(use));
    let perFile = this.samples.get(key);
    if (!perFile) this.samples.set(key, (perFile = new Map()));
    if (perFile.has(use.file)) return;
    perFile.set(use.file, use);
    (this.keysByFile.get(use.file) ?? this.keysByFile.set(use.file, new Set()).get(use.file)!).add(key);
  }

  replace(corpus: Corpus, file: string, uses: TermUse[]): Set<string> {
    const before = this.keysByFile.get(file) ?? new Set<string>();
    for (const key of before) {
      const perFile = this.samples.get(key)!;
      perFile.delete(file);
      if (!perFile.size) this.samples.delete(key);
    }
    this.keysByFile.delete(file);
    for (const use of uses) this.add(corpus, use);
    this.usesByFile.set(file, uses);
    return changedTerms(before, this.keysByFile.get(file) ?? new Set());
  }

  allUses(): TermUse[] {
    return ([] as TermUse[]).concat(...this.usesByFile.values());
  }

  termUsers(corpus: Corpus, terms?: ReadonlySet<string>): TermUsers {
    const users: TermUsers = new Map();
    if (terms?.size === 0) return users;
    const pool = new IntervalPool(corpus);
    for (const perFile of this.samples.values()) {
      const sample = perFile.values().next().value!;
      if (terms && !terms.has(sample.term)) continue;
      addTermUser(users, sample.term, pool.of(sample.user)!, selfOf(sample));
    }
    return users;
  }

  clauseIntervals(): Interval[] {
    return this.intervals;
  }
}

/**
 * What the index stores for a corpus, made in one pass over its uses: the same triples as a CorpusDigest holds.
 * Uses of one record share one user object, so each user's window is worked out once, and the terms are the
 * trie's own strings, so the maps look them up without hashing them again.
 */
export function storedDigestOf(corpus: Corpus, files: readonly string[]): StoredDigestData {
  const number = new Map(files.map((f, i) => [f, i]));
  const windowOfUser = new Map<TermUse['user'], string | undefined>();
  const windows = new Map<string, number>();
  const rows = new Map<string, Map<string, { window: number; self: string; files: Set<number> }>>();
  for (const use of corpus.uses) {
    const { user } = use;
    let window = windowOfUser.get(user);
    if (window === undefined && !windowOfUser.has(user)) windowOfUser.set(user, (window = windowOf(corpus, use)));
    if (window === undefined) continue;
    const self = selfOf(use);
    const place = self ? `${window}\u0000${self}` : window;
    let byTerm = rows.get(place);
    if (!byTerm) rows.set(place, (byTerm = new Map()));
    let entry = byTerm.get(use.term);
    if (!entry) {
      let w = windows.get(window);
      if (w === undefined) windows.set(window, (w = windows.size));
      byTerm.set(use.term, (entry = { window: w, self, files: new Set() }));
    }
    entry.files.add(number.get(use.file)!);
  }
  const out: StoredRow[] = [];
  for (const byTerm of rows.values()) for (const [term, { window, self, files }] of byTerm) out.push([term, window, self, [...files]]);
  return { windows: [...windows.keys()], rows: out, intervals: [...clauseIntervalsOf(corpus).keys()] };
}

interface FreshRow {
  term: string;
  window: string;
  self: string;
  files: Set<number>;
}

/**
 * A digest read back from the index, used for one re-check and stored again. Rows stay as read: a replaced file is
 * only struck out of them when they are grouped or stored again.
 */
export class StoredDigest implements UseDigest {
  private readonly number: Map<string, number>;
  private readonly replaced = new Set<number>();
  private readonly fresh = new Map<string, FreshRow>();
  private readonly freshUses: TermUse[] = [];

  constructor(
    private readonly data: StoredDigestData,
    private readonly files: readonly string[],
  ) {
    this.number = new Map(files.map((f, i) => [f, i]));
  }

  replace(corpus: Corpus, file: string, uses: TermUse[]): Set<string> {
    const n = this.number.get(file);
    if (n === undefined) throw new Error(`${file} is not in the index`);
    const before = new Set<string>();
    if (!this.replaced.has(n)) for (const [term, window, self, files] of this.data.rows) if (files.includes(n)) before.add(keyOf(term, this.data.windows[window]!, self));
    for (const [key, entry] of this.fresh) if (entry.files.delete(n)) before.add(key);
    this.replaced.add(n);
    const after = new Set<string>();
    for (const use of uses) {
      const window = windowOf(corpus, use);
      if (window === undefined) continue;
      const self = selfOf(use);
      const key = keyOf(use.term, window, self);
      let entry = this.fresh.get(key);
      if (!entry) this.fresh.set(key, (entry = { term: use.term, window, self, files: new Set() }));
      entry.files.add(n);
      after.add(key);
    }
    this.freshUses.push(...uses);
    return changedTerms(before, after);
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

  termUsers(_corpus: Corpus, terms?: ReadonlySet<string>): TermUsers {
    const users: TermUsers = new Map();
    if (terms?.size === 0) return users;
    const intervals = new Map<string, Interval>();
    const canonical = (key: string) => intervals.get(key) ?? intervals.set(key, intervalOfKey(key)).get(key)!;
    const windows = this.data.windows.map(canonical);
    for (const [term, window, self, files] of this.data.rows) if ((!terms || terms.has(term)) && (!this.replaced.size || this.live(files))) addTermUser(users, term, windows[window]!, self);
    for (const entry of this.fresh.values()) if (entry.files.size && (!terms || terms.has(entry.term))) addTermUser(users, entry.term, canonical(entry.window), entry.self);
    return users;
  }

  clauseIntervals(): Interval[] {
    return this.data.intervals.map(intervalOfKey);
  }

  /** The rows to store again, the replaced files' shares swapped for their new ones. */
  stored(): StoredDigestData {
    const windows = this.data.windows.slice();
    const windowNumber = new Map(windows.map((w, i) => [w, i]));
    const rows: StoredRow[] = [];
    const merged = new Set<FreshRow>();
    // Fresh rows by term: a stored row is matched to one only when its term has any.
    const freshByTerm = new Map<string, FreshRow[]>();
    for (const entry of this.fresh.values()) (freshByTerm.get(entry.term) ?? freshByTerm.set(entry.term, []).get(entry.term)!).push(entry);
    for (const row of this.data.rows) {
      const [term, window, self, files] = row;
      const fresh = freshByTerm.get(term)?.find((f) => f.self === self && f.window === windows[window]);
      if (!fresh && !this.touches(files)) {
        rows.push(row);
        continue;
      }
      const kept = files.filter((f) => !this.replaced.has(f));
      if (fresh) {
        kept.push(...fresh.files);
        merged.add(fresh);
      }
      if (kept.length) rows.push([term, window, self, kept]);
    }
    for (const entry of this.fresh.values()) {
      if (merged.has(entry) || !entry.files.size) continue;
      let w = windowNumber.get(entry.window);
      if (w === undefined) {
        windowNumber.set(entry.window, (w = windows.length));
        windows.push(entry.window);
      }
      rows.push([entry.term, w, entry.self, [...entry.files]]);
    }
    return { windows, rows, intervals: this.data.intervals };
  }
}
