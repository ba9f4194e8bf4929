/**
 * What a local re-check (localEdit.ts) keeps so that the corpus-wide checks need not walk every term use: for
 * unused-definition the distinct (term, user window, self) triples — all that check's answer depends on — and
 * which files' uses share each, so that a file's share can be taken out and put back; and one clause per distinct
 * in-force interval, all that evaluationDates reads from the provision table. A watch session builds a
 * CorpusDigest from its corpus; `check` restores a StoredDigest from the check index (checkIndex.ts).
 */
import type { Corpus, TermUse, TermUsers } from '../model/corpus.js';
import type { Interval } from '../model/dates.js';
import { addTermUser, intervalKey, intervalOfKey, IntervalPool, userInterval } from '../checks/users.js';
import { clauseIntervals } from '../checks/context.js';
import { Numbering } from './numbering.js';

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
 * The digest as the index stores it: flat numbers, not a list of rows (a whole code has some 80,000 file-triple
 * pairs, which as arrays were most of the index's objects). Per source file, in the index's order, the distinct
 * triples of its uses: a term, the window of the user, and whose own definition the user is in ('' for any other
 * user), each by its place in the lists below, three numbers a triple.
 */
export interface StoredDigestData {
  terms: string[];
  /** Users' in-force windows, as interval keys ("from/until"). */
  windows: string[];
  selves: string[];
  /** Three integers a triple (the index file keeps them as their bytes). */
  triples: Int32Array<ArrayBuffer>;
  /** Where each file's triples end, in integers (a file's start is the end before it). */
  ends: number[];
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
function changedTerms<K>(before: ReadonlySet<K>, after: ReadonlySet<K>, termOf: (key: K) => string): Set<string> {
  const terms = new Set<string>();
  for (const key of before) if (!after.has(key)) terms.add(termOf(key));
  for (const key of after) if (!before.has(key)) terms.add(termOf(key));
  return terms;
}

function termOfStringKey(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
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
    return changedTerms(before, this.keysByFile.get(file) ?? new Set(), termOfStringKey);
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
 * A triple as one number: 16 bits each for the self (one per document) and the window, the rest of a safe integer
 * (two million) for the term.
 */
function tripleKey(term: number, window: number, self: number): number {
  // Far beyond any code (two thousand terms, a few dozen windows, one self per document), but never wrong: no index.
  if (term >= 2097152 || window >= 65536 || self >= 65536) throw new RangeError('too many terms, windows or documents for the stored digest');
  return (term * 65536 + window) * 65536 + self;
}

function tripleOf(key: number): [term: number, window: number, self: number] {
  return [Math.floor(key / 4294967296), Math.floor(key / 65536) % 65536, key % 65536];
}

/** The triple keys of one file's uses, each once, with users' windows worked out once per user object. */
class TripleKeys {
  private readonly windowOfUser = new Map<TermUse['user'], number | undefined>();
  constructor(
    private readonly terms: Numbering,
    private readonly windows: Numbering,
    private readonly selves: Numbering,
  ) {}

  of(corpus: Corpus, uses: Iterable<TermUse>): Set<number> {
    const keys = new Set<number>();
    let lastUser: TermUse['user'] | undefined;
    let w: number | undefined;
    for (const use of uses) {
      if (use.user !== lastUser) {
        lastUser = use.user;
        w = this.windowOfUser.get(use.user);
        if (w === undefined && !this.windowOfUser.has(use.user)) {
          const window = windowOf(corpus, use);
          this.windowOfUser.set(use.user, (w = window === undefined ? undefined : this.windows.of(window)));
        }
      }
      if (w === undefined) continue;
      const self = selfOf(use);
      keys.add(tripleKey(this.terms.of(use.term), w, self ? this.selves.of(self) : 0));
    }
    return keys;
  }
}

function pushTriples(triples: number[], keys: Iterable<number>): void {
  for (const key of keys) triples.push(...tripleOf(key));
}

/** What the index stores for a corpus: each file's distinct triples, the same as a CorpusDigest holds. */
export function storedDigestOf(corpus: Corpus, files: readonly string[]): StoredDigestData {
  const terms = new Numbering();
  const windows = new Numbering();
  const selves = new Numbering(['']);
  const keys = new TripleKeys(terms, windows, selves);
  const byFile = new Map<string, TermUse[]>();
  for (const use of corpus.uses) (byFile.get(use.file) ?? byFile.set(use.file, []).get(use.file)!).push(use);
  const triples: number[] = [];
  const ends: number[] = [];
  for (const file of files) {
    pushTriples(triples, keys.of(corpus, byFile.get(file) ?? []));
    ends.push(triples.length);
  }
  return { terms: terms.list, windows: windows.list, selves: selves.list, triples: Int32Array.from(triples), ends, intervals: [...clauseIntervalsOf(corpus).keys()] };
}

/**
 * A digest read back from the index, used for one re-check and stored again: a replaced file's triples are kept
 * apart, and stand in for its stored ones.
 */
export class StoredDigest implements UseDigest {
  private readonly number: Map<string, number>;
  private readonly fresh = new Map<number, Set<number>>();
  private readonly freshUses: TermUse[] = [];
  private readonly terms: Numbering;
  private readonly windows: Numbering;
  private readonly selves: Numbering;
  private readonly keys: TripleKeys;
  private readonly triples: Int32Array;

  constructor(
    private readonly data: StoredDigestData,
    files: readonly string[],
  ) {
    const { triples } = data;
    if (!(triples instanceof Int32Array) || !Array.isArray(data.ends) || data.ends.length !== files.length || data.ends.at(-1) !== triples.length) throw new Error('the stored digest does not fit the index');
    this.triples = triples;
    this.number = new Map(files.map((f, i) => [f, i]));
    this.terms = new Numbering(data.terms);
    this.windows = new Numbering(data.windows);
    this.selves = new Numbering(data.selves);
    this.keys = new TripleKeys(this.terms, this.windows, this.selves);
  }

  /** Where file `n`'s stored triples start in `triples`. */
  private startOf(n: number): number {
    return n ? this.data.ends[n - 1]! : 0;
  }

  /** A file's triple keys: its fresh ones once replaced, else those stored. */
  private keysOf(n: number): Set<number> {
    const fresh = this.fresh.get(n);
    if (fresh) return fresh;
    const { triples } = this;
    const keys = new Set<number>();
    for (let i = this.startOf(n); i < this.data.ends[n]!; i += 3) keys.add(tripleKey(triples[i]!, triples[i + 1]!, triples[i + 2]!));
    return keys;
  }

  replace(corpus: Corpus, file: string, uses: TermUse[]): Set<string> {
    const n = this.number.get(file);
    if (n === undefined) throw new Error(`${file} is not in the index`);
    const before = this.keysOf(n);
    const after = this.keys.of(corpus, uses);
    this.fresh.set(n, after);
    this.freshUses.push(...uses);
    return changedTerms(before, after, (key) => this.terms.list[tripleOf(key)[0]]!);
  }

  allUses(): TermUse[] {
    return this.freshUses;
  }

  termUsers(_corpus: Corpus, terms?: ReadonlySet<string>): TermUsers {
    const users: TermUsers = new Map();
    if (terms?.size === 0) return users;
    const wanted = terms && this.terms.list.map((t) => terms.has(t));
    const intervals = this.windows.list.map(intervalOfKey);
    const add = (term: number, window: number, self: number) => {
      if (!wanted || wanted[term]) addTermUser(users, this.terms.list[term]!, intervals[window]!, this.selves.list[self]!);
    };
    const { triples } = this;
    const { ends } = this.data;
    for (let n = 0; n < ends.length; n++) {
      const fresh = this.fresh.get(n);
      if (fresh) for (const key of fresh) add(...tripleOf(key));
      else for (let i = this.startOf(n); i < ends[n]!; i += 3) add(triples[i]!, triples[i + 1]!, triples[i + 2]!);
    }
    return users;
  }

  clauseIntervals(): Interval[] {
    return this.data.intervals.map(intervalOfKey);
  }

  /** The digest to store again, each replaced file's stored triples swapped for its new ones. */
  stored(): StoredDigestData {
    const { triples } = this;
    const { ends } = this.data;
    const pieces: Int32Array[] = [];
    const outEnds: number[] = [];
    let copied = 0;
    let shift = 0;
    for (let n = 0; n < ends.length; n++) {
      const fresh = this.fresh.get(n);
      if (fresh) {
        // The stored triples since the last replaced file go across in one piece.
        const start = this.startOf(n);
        const mine: number[] = [];
        pushTriples(mine, fresh);
        pieces.push(triples.subarray(copied, start), Int32Array.from(mine));
        shift += mine.length - (ends[n]! - start);
        copied = ends[n]!;
      }
      outEnds.push(ends[n]! + shift);
    }
    pieces.push(triples.subarray(copied));
    const out = new Int32Array(pieces.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const piece of pieces) {
      out.set(piece, at);
      at += piece.length;
    }
    return { terms: this.terms.list, windows: this.windows.list, selves: this.selves.list, triples: out, ends: outEnds, intervals: this.data.intervals };
  }
}
