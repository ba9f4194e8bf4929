/**
 * The provision table as the check index keeps it, so that a local re-check need not read every clause file's
 * shape to bind it again. A text edit leaves every table's shape alone (localEdit.ts), so the table of the full
 * check that wrote the index stays right for every local re-check after it: each row names a clause file and a
 * record in it, with its in-force interval and its clause, and a symbol is made, from its file's stored shape,
 * only when a check looks it up. Clause files the re-check did not change stay unread until then. The term trie the
 * full check scanned with is kept too, for the same reason.
 */
import type { Duplicate, ParsedFile, ProvisionRecord, ProvisionSymbol } from '../model/corpus.js';
import type { Interval } from '../model/dates.js';
import { intervalKey, intervalOfKey } from '../checks/users.js';
import { Numbering } from './numbering.js';
import { TermTrie, type TrieSnapshot } from '../bind/termTrie.js';

/**
 * One row per symbol, in table order (which is document order: a symbol's `order` is its row), as typed arrays and
 * one string, not arrays of tens of thousands of entries: the index keeps them as bytes (tablesFile.ts).
 */
export interface StoredTablesData {
  /** The rows' IDs, each ended by a line break. */
  ids: string;
  /**
   * Four integers a row: the file (by its number in the index), the record (by its number in that file), the
   * in-force interval (by its number in `intervals`) and the row of its clause (itself, for a clause; -1 for a
   * section, or a sub-paragraph of no clause).
   */
  rows: Int32Array<ArrayBuffer>;
  /** The IDs' hash table (IdIndex), kept so that reading the table hashes no ID again. */
  idIndex: IdIndexArrays;
  /** Interval keys. */
  intervals: string[];
  /** The provision table's duplicate IDs, which binding it again would have found. */
  duplicates: Duplicate[];
  /**
   * The term trie the full check scanned with. A local re-check keeps every term and its forms (localEdit.ts), so
   * it takes this one instead of adding every form again.
   */
  trie: TrieSnapshot;
}

/** The stored trie, or undefined when it does not hang together. */
export function trieOfStored(stored: TrieSnapshot | undefined): TermTrie | undefined {
  if (!stored || !Array.isArray(stored.counts) || !Array.isArray(stored.terms)) return undefined;
  return TermTrie.fromSnapshot(stored);
}

const FIELDS = 4;

/**
 * The provision table of a bound corpus, by the numbers of `files` (the index's order); undefined when it cannot be
 * stored so (a provision in no file, an ID across lines), and then no index is written.
 */
export function storedTablesOf(provisions: ReadonlyMap<string, ProvisionSymbol>, files: readonly ParsedFile[], duplicates: readonly Duplicate[], trie: TermTrie): StoredTablesData | undefined {
  const place = new Map<ProvisionRecord, [file: number, record: number]>();
  files.forEach((file, f) => file.provisions.forEach((record, r) => place.set(record, [f, r])));
  const rowOf = new Map<string, number>();
  const intervals = new Numbering();
  const rows = new Int32Array(provisions.size * FIELDS);
  let ids = '';
  let row = 0;
  for (const p of provisions.values()) {
    const at = place.get(p.record);
    if (!at || p.id.includes('\n')) return undefined;
    rowOf.set(p.id, row);
    ids += `${p.id}\n`;
    rows.set([at[0], at[1], intervals.of(intervalKey(p.inForce)), -1], row * FIELDS);
    row++;
  }
  row = 0;
  for (const p of provisions.values()) rows[row++ * FIELDS + 3] = p.clause === undefined ? -1 : (rowOf.get(p.clause) ?? -1);
  // A provision's duplicate names an ID of the table; a definition's ("definition of …") never does.
  return {
    ids,
    rows,
    idIndex: new IdIndex(ids).arrays(),
    intervals: intervals.list,
    duplicates: duplicates.filter((d) => provisions.has(d.what)),
    trie: trie.snapshot(),
  };
}

/** FNV-1a over part of a string. */
function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The rows' IDs, found without a string or map entry per row: the IDs stay one string, and an open-addressed table
 * of row numbers is keyed by a hash of each ID's stretch of it.
 */
export interface IdIndexArrays {
  /** Where each row's ID starts in the string (one more entry: where the next would). */
  starts: Int32Array<ArrayBuffer>;
  /** Open-addressed slots (a power of two, at least twice the rows): a row's number, or -1. */
  slots: Int32Array<ArrayBuffer>;
}

class IdIndex {
  private readonly starts: Int32Array<ArrayBuffer>;
  private readonly slots: Int32Array<ArrayBuffer>;

  /** `stored`: the arrays an earlier index made of the same IDs, taken as they are when they fit the string. */
  constructor(
    private readonly ids: string,
    stored?: IdIndexArrays,
  ) {
    const rows = stored ? stored.starts.length - 1 : 0;
    if (stored && rows >= 0 && stored.starts[0] === 0 && stored.starts[rows] === ids.length && stored.slots.length >= rows * 2 && (stored.slots.length & (stored.slots.length - 1)) === 0) {
      this.starts = stored.starts;
      this.slots = stored.slots;
      return;
    }
    let count = 0;
    for (let i = ids.indexOf('\n'); i >= 0; i = ids.indexOf('\n', i + 1)) count++;
    this.starts = new Int32Array(count + 1);
    for (let row = 0, at = 0; row < count; row++) this.starts[row + 1] = at = ids.indexOf('\n', at) + 1;
    let size = 1;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let row = 0; row < count; row++) {
      let h = hashOf(ids, this.starts[row]!, this.starts[row + 1]! - 1) & mask;
      while (this.slots[h] !== -1) h = (h + 1) & mask;
      this.slots[h] = row;
    }
  }

  get size(): number {
    return this.starts.length - 1;
  }

  arrays(): IdIndexArrays {
    return { starts: this.starts, slots: this.slots };
  }

  rowOf(id: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let h = hashOf(id, 0, id.length) & mask; ; h = (h + 1) & mask) {
      const row = this.slots[h]!;
      if (row === -1) return undefined;
      const from = this.starts[row]!;
      if (this.starts[row + 1]! - 1 - from === id.length && this.ids.startsWith(id, from)) return row;
    }
  }

  idOf(row: number): string {
    return this.ids.slice(this.starts[row]!, this.starts[row + 1]! - 1);
  }
}

/**
 * A symbol of the stored table. Resolving a reference and judging its target's dates need the ID, order and
 * interval only; the record (position, attributes) is read from the file's shape when something asks for it.
 */
class StoredProvision implements ProvisionSymbol {
  clause?: string;
  constructor(
    readonly id: string,
    readonly doc: string,
    readonly file: string,
    readonly order: number,
    readonly inForce: Interval,
    private readonly fileAt: (index: number) => ParsedFile,
    private readonly fileIndex: number,
    private readonly recordIndex: number,
  ) {}

  get record(): ProvisionRecord {
    return this.fileAt(this.fileIndex).provisions[this.recordIndex]!;
  }
}

/**
 * A provision table over stored rows: lookups make one symbol each, from its file's records (`fileAt`, which reads
 * the file's shape when first asked). Walking it makes them all, in table order. Symbols set on it (a re-check's
 * swapped records) replace the stored ones.
 */
export class StoredProvisionTable extends Map<string, ProvisionSymbol> {
  private readonly index: IdIndex;
  private readonly rows: Int32Array;
  private readonly intervals: Interval[];

  /** `fileAt` gives a file whole (its records read if need be); `fileHead` only its path and document. */
  constructor(
    data: StoredTablesData,
    private readonly fileAt: (index: number) => ParsedFile,
    private readonly fileHead: (index: number) => Pick<ParsedFile, 'path' | 'doc'>,
  ) {
    super();
    this.rows = data.rows;
    this.index = new IdIndex(data.ids, data.idIndex);
    if (this.rows.length !== this.index.size * FIELDS) throw new Error('the stored table\'s rows and IDs disagree');
    this.intervals = data.intervals.map(intervalOfKey);
  }

  override get size(): number {
    return this.index.size;
  }

  override has(id: string): boolean {
    return super.has(id) || this.index.rowOf(id) !== undefined;
  }

  override get(id: string): ProvisionSymbol | undefined {
    const made = super.get(id);
    if (made) return made;
    const row = this.index.rowOf(id);
    if (row === undefined) return undefined;
    const at = row * FIELDS;
    const rows = this.rows;
    const head = this.fileHead(rows[at]!);
    const symbol = new StoredProvision(id, head.doc, head.path, row, this.intervals[rows[at + 2]!]!, this.fileAt, rows[at]!, rows[at + 1]!);
    const clause = rows[at + 3]!;
    if (clause >= 0) symbol.clause = clause === row ? id : this.index.idOf(clause);
    super.set(id, symbol);
    return symbol;
  }

  override set(id: string, symbol: ProvisionSymbol): this {
    // The rows are the table's shape; a re-check only swaps records within it.
    if (this.index.rowOf(id) === undefined) throw new Error(`${id} is not a row of the stored table`);
    return super.set(id, symbol);
  }

  override delete(): boolean {
    throw new Error('the stored provision table is read-only in shape');
  }

  override clear(): void {
    throw new Error('the stored provision table is read-only in shape');
  }

  /** The symbols of the rows in the files `files` (by index), in table order. */
  ofFiles(files: ReadonlySet<number>): ProvisionSymbol[] {
    const out: ProvisionSymbol[] = [];
    for (let row = 0; row < this.index.size; row++) if (files.has(this.rows[row * FIELDS]!)) out.push(this.get(this.index.idOf(row))!);
    return out;
  }

  override *keys(): MapIterator<string> {
    for (let row = 0; row < this.index.size; row++) yield this.index.idOf(row);
  }

  override *values(): MapIterator<ProvisionSymbol> {
    for (const id of this.keys()) yield this.get(id)!;
  }

  override *entries(): MapIterator<[string, ProvisionSymbol]> {
    for (const id of this.keys()) yield [id, this.get(id)!];
  }

  override [Symbol.iterator](): MapIterator<[string, ProvisionSymbol]> {
    return this.entries();
  }

  override forEach(callback: (value: ProvisionSymbol, key: string, map: Map<string, ProvisionSymbol>) => void, thisArg?: unknown): void {
    for (const [id, symbol] of this.entries()) callback.call(thisArg, symbol, id, this);
  }
}

/**
 * A clause file the re-check did not change, as a ParsedFile whose records are read from its stored shape only
 * when something asks for them (`load`, once). A clause file has no manifest, paper, matrix or front matter facts
 * (parseFile.ts), so nothing that looks for those reads it.
 */
export function lazyClauseFile(head: Pick<ParsedFile, 'path' | 'doc'>, load: () => ParsedFile): ParsedFile {
  let loaded: ParsedFile | undefined;
  const full = () => (loaded ??= load());
  const file = { path: head.path, role: 'clauses', doc: head.doc } as ParsedFile;
  for (const key of ['provisions', 'definitions', 'diagnostics', 'untagged'] as const) {
    Object.defineProperty(file, key, { enumerable: true, configurable: true, get: () => full()[key] });
  }
  return file;
}
