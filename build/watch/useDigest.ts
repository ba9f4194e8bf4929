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
 * The digest as the index stores it: flat numbers, not a list of rows (a whole code has some 28,000 rows, which as
 * arrays were most of the index's objects). Each row is a term, the window of some of its users, whose own
 * definition they are in ('' for any other user), and the files whose uses share it: in `rows`, four numbers
 * (term, window and self by their places in the lists below, then the count of files) and the files' numbers.
 */
export interface StoredDigestData {
  terms: string[];
  /** Users' in-force windows, as interval keys ("from/until"). */
  windows: string[];
  selves: string[];
  rows: number[];
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

/** Numbers for strings, in first-seen order: the lists of StoredDigestData. */
class Numbering {
  readonly list: string[];
  private readonly index = new Map<string, number>();
  constructor(list: readonly string[] = []) {
    this.list = list.slice();
    this.list.forEach((v, i) => this.index.set(v, i));
  }
  of(value: string): number {
    let n = this.index.get(value);
    if (n === undefined) {
      this.index.set(value, (n = this.list.length));
      this.list.push(value);
    }
    return n;
  }
}

/**
 * A row's term, window and self as one number: 16 bits each for the self (one per document) and the window, the
 * rest of a safe integer (two million) for the term.
 */
function tripleKey(term: number, window: number, self: number): number {
  return (term * 65536 + window) * 65536 + self;
}

function splitTriple(key: number): [term: number, window: number, self: number] {
  return [Math.floor(key / 4294967296), Math.floor(key / 65536) % 65536, key % 65536];
}

/**
 * What the index stores for a corpus, made in one pass over its uses: the same triples as a CorpusDigest holds.
 * Uses of one record share one user object, so each user's window is worked out once.
 */
export function storedDigestOf(corpus: Corpus, files: readonly string[]): StoredDigestData {
  const number = new Map(files.map((f, i) => [f, i]));
  const windowOfUser = new Map<TermUse['user'], number | undefined>();
  const terms = new Numbering();
  const windows = new Numbering();
  const selves = new Numbering(['']);
  // By window and self (a small integer), then by term: a use costs a lookup by its term, the trie's own string,
  // and another only when it is in its own term's definition.
  const rows = new Map<number, Map<string, Set<number>>>();
  const byPlace = (place: number) => rows.get(place) ?? rows.set(place, new Map()).get(place)!;
  let lastUser: TermUse['user'] | undefined;
  let w: number | undefined;
  let others: Map<string, Set<number>> | undefined;
  for (const use of corpus.uses) {
    const { user } = use;
    if (user !== lastUser) {
      lastUser = user;
      w = windowOfUser.get(user);
      if (w === undefined && !windowOfUser.has(user)) {
        const window = windowOf(corpus, use);
        windowOfUser.set(user, (w = window === undefined ? undefined : windows.of(window)));
      }
      others = w === undefined ? undefined : byPlace(w * 65536);
    }
    if (w === undefined) continue;
    const self = selfOf(use);
    const byTerm = self ? byPlace(w * 65536 + selves.of(self)) : others!;
    let list = byTerm.get(use.term);
    if (!list) byTerm.set(use.term, (list = new Set()));
    list.add(number.get(use.file)!);
  }
  const flat: number[] = [];
  for (const [place, byTerm] of rows) for (const [term, list] of byTerm) pushRow(flat, tripleKey(terms.of(term), Math.floor(place / 65536), place % 65536), list);
  return { terms: terms.list, windows: windows.list, selves: selves.list, rows: flat, intervals: [...clauseIntervalsOf(corpus).keys()] };
}

function pushRow(flat: number[], key: number, files: Iterable<number>): void {
  const at = flat.length;
  flat.push(...splitTriple(key), 0);
  for (const f of files) flat.push(f);
  flat[at + 3] = flat.length - at - 4;
}

/**
 * A digest read back from the index, used for one re-check and stored again. Rows stay as read: a replaced file is
 * only struck out of them when they are grouped or stored again. Fresh rows (the replaced files' new uses) are
 * keyed like stored ones, by the numbers of their term, window and self.
 */
export class StoredDigest implements UseDigest {
  private readonly number: Map<string, number>;
  private readonly replaced = new Set<number>();
  private readonly fresh = new Map<number, Set<number>>();
  private readonly freshUses: TermUse[] = [];
  private readonly terms: Numbering;
  private readonly windows: Numbering;
  private readonly selves: Numbering;
  /** Each user's window number, worked out once per user object. */
  private readonly windowOfUser = new Map<TermUse['user'], number | undefined>();

  constructor(
    private readonly data: StoredDigestData,
    private readonly files: readonly string[],
  ) {
    this.number = new Map(files.map((f, i) => [f, i]));
    this.terms = new Numbering(data.terms);
    this.windows = new Numbering(data.windows);
    this.selves = new Numbering(data.selves);
  }

  replace(corpus: Corpus, file: string, uses: TermUse[]): Set<string> {
    const n = this.number.get(file);
    if (n === undefined) throw new Error(`${file} is not in the index`);
    const before = new Set<number>();
    const rows = this.data.rows;
    if (!this.replaced.has(n)) {
      for (let i = 0; i < rows.length; ) {
        const to = i + 4 + rows[i + 3]!;
        for (let f = i + 4; f < to; f++) {
          if (rows[f] !== n) continue;
          before.add(tripleKey(rows[i]!, rows[i + 1]!, rows[i + 2]!));
          break;
        }
        i = to;
      }
    }
    for (const [key, list] of this.fresh) if (list.delete(n)) before.add(key);
    this.replaced.add(n);
    const after = new Set<number>();
    for (const use of uses) {
      let w = this.windowOfUser.get(use.user);
      if (w === undefined && !this.windowOfUser.has(use.user)) {
        const window = windowOf(corpus, use);
        this.windowOfUser.set(use.user, (w = window === undefined ? undefined : this.windows.of(window)));
      }
      if (w === undefined) continue;
      const key = tripleKey(this.terms.of(use.term), w, this.selves.of(selfOf(use)));
      let list = this.fresh.get(key);
      if (!list) this.fresh.set(key, (list = new Set()));
      list.add(n);
      after.add(key);
    }
    this.freshUses.push(...uses);
    const changed = new Set<string>();
    for (const key of before) if (!after.has(key)) changed.add(this.terms.list[splitTriple(key)[0]]!);
    for (const key of after) if (!before.has(key)) changed.add(this.terms.list[splitTriple(key)[0]]!);
    return changed;
  }

  allUses(): TermUse[] {
    return this.freshUses;
  }

  /** Whether any of a stored row's files was not replaced. */
  private live(from: number, to: number): boolean {
    const rows = this.data.rows;
    // More files than were replaced: one of them was not.
    if (to - from > this.replaced.size) return true;
    for (let i = from; i < to; i++) if (!this.replaced.has(rows[i]!)) return true;
    return false;
  }

  termUsers(_corpus: Corpus, terms?: ReadonlySet<string>): TermUsers {
    const users: TermUsers = new Map();
    if (terms?.size === 0) return users;
    const wanted = terms && this.terms.list.map((t) => terms.has(t));
    const intervals = this.windows.list.map(intervalOfKey);
    const add = (term: number, window: number, self: number) => {
      if (!wanted || wanted[term]) addTermUser(users, this.terms.list[term]!, intervals[window]!, this.selves.list[self]!);
    };
    const rows = this.data.rows;
    for (let i = 0; i < rows.length; ) {
      const from = i + 4;
      const to = from + rows[i + 3]!;
      if (!this.replaced.size || this.live(from, to)) add(rows[i]!, rows[i + 1]!, rows[i + 2]!);
      i = to;
    }
    for (const [key, list] of this.fresh) if (list.size) add(...splitTriple(key));
    return users;
  }

  clauseIntervals(): Interval[] {
    return this.data.intervals.map(intervalOfKey);
  }

  /** The rows to store again, the replaced files' shares swapped for their new ones. */
  stored(): StoredDigestData {
    const rows = this.data.rows;
    const flat: number[] = [];
    const merged = new Set<number>();
    const only = this.replaced.size === 1 ? this.replaced.values().next().value : undefined;
    for (let i = 0; i < rows.length; ) {
      const from = i + 4;
      const to = from + rows[i + 3]!;
      const key = this.fresh.size ? tripleKey(rows[i]!, rows[i + 1]!, rows[i + 2]!) : -1;
      const fresh = this.fresh.get(key);
      let touches = false;
      // Most re-checks replace one file: compared directly, not looked up.
      for (let f = from; f < to && !touches; f++) touches = only === undefined ? this.replaced.has(rows[f]!) : rows[f] === only;
      if (!fresh && !touches) {
        for (let f = i; f < to; f++) flat.push(rows[f]!);
      } else {
        const kept: number[] = [];
        for (let f = from; f < to; f++) if (!this.replaced.has(rows[f]!)) kept.push(rows[f]!);
        if (fresh) {
          kept.push(...fresh);
          merged.add(key);
        }
        if (kept.length) pushRow(flat, key, kept);
      }
      i = to;
    }
    for (const [key, list] of this.fresh) if (!merged.has(key) && list.size) pushRow(flat, key, list);
    return { terms: this.terms.list, windows: this.windows.list, selves: this.selves.list, rows: flat, intervals: this.data.intervals };
  }
}
