/**
 * The provision table as the check index keeps it, so that a local re-check need not read every clause file's
 * shape to bind it again. A text edit leaves every table's shape alone (localEdit.ts), so the table of the full
 * check that wrote the index stays right for every local re-check after it: each row names a clause file and a
 * record in it, with its in-force interval and its clause, and a symbol is made, from its file's stored shape,
 * only when a check looks it up. Clause files the re-check did not change stay unread until then.
 */
import type { Duplicate, ParsedFile, ProvisionRecord, ProvisionSymbol } from '../model/corpus.js';
import type { Interval } from '../model/dates.js';
import { intervalKey, intervalOfKey } from '../checks/users.js';

/** One row per symbol, in table order (which is document order: a symbol's `order` is its row). */
export interface StoredTablesData {
  ids: string[];
  /** The file (by its number in the index) and the record (by its number in that file) of each row. */
  file: number[];
  record: number[];
  /** Each row's in-force interval, by number in `intervals` (interval keys). */
  interval: number[];
  intervals: string[];
  /** The row of each row's clause (itself, for a clause), or -1 (a section, or a sub-paragraph of no clause). */
  clause: number[];
  /** The provision table's duplicate IDs, which binding it again would have found. */
  duplicates: Duplicate[];
}

/** The provision table of a bound corpus, by the numbers of `files` (the index's order). */
export function storedTablesOf(provisions: ReadonlyMap<string, ProvisionSymbol>, files: readonly ParsedFile[], duplicates: readonly Duplicate[]): StoredTablesData {
  const place = new Map<ProvisionRecord, [file: number, record: number]>();
  files.forEach((file, f) => file.provisions.forEach((record, r) => place.set(record, [f, r])));
  const rowOf = new Map<string, number>();
  const intervalNumber = new Map<string, number>();
  const data: StoredTablesData = { ids: [], file: [], record: [], interval: [], intervals: [], clause: [], duplicates: [] };
  for (const p of provisions.values()) {
    const at = place.get(p.record);
    if (!at) throw new Error(`${p.id} is in no indexed file`);
    rowOf.set(p.id, data.ids.length);
    data.ids.push(p.id);
    data.file.push(at[0]);
    data.record.push(at[1]);
    const key = intervalKey(p.inForce);
    let n = intervalNumber.get(key);
    if (n === undefined) {
      intervalNumber.set(key, (n = data.intervals.length));
      data.intervals.push(key);
    }
    data.interval.push(n);
  }
  for (const p of provisions.values()) data.clause.push(p.clause === undefined ? -1 : (rowOf.get(p.clause) ?? -1));
  // A provision's duplicate names an ID of the table; a definition's ("definition of …") never does.
  for (const d of duplicates) if (provisions.has(d.what)) data.duplicates.push(d);
  return data;
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
  private readonly rowOf = new Map<string, number>();
  private readonly intervals: Interval[];

  /** `fileAt` gives a file whole (its records read if need be); `fileHead` only its path and document. */
  constructor(
    private readonly data: StoredTablesData,
    private readonly fileAt: (index: number) => ParsedFile,
    private readonly fileHead: (index: number) => Pick<ParsedFile, 'path' | 'doc'>,
  ) {
    super();
    data.ids.forEach((id, row) => this.rowOf.set(id, row));
    this.intervals = data.intervals.map(intervalOfKey);
  }

  override get size(): number {
    return this.rowOf.size;
  }

  override has(id: string): boolean {
    return this.rowOf.has(id);
  }

  override get(id: string): ProvisionSymbol | undefined {
    const made = super.get(id);
    if (made) return made;
    const row = this.rowOf.get(id);
    if (row === undefined) return undefined;
    const data = this.data;
    const head = this.fileHead(data.file[row]!);
    const symbol = new StoredProvision(id, head.doc, head.path, row, this.intervals[data.interval[row]!]!, this.fileAt, data.file[row]!, data.record[row]!);
    const clause = data.clause[row]!;
    if (clause >= 0) symbol.clause = data.ids[clause]!;
    super.set(id, symbol);
    return symbol;
  }

  override set(id: string, symbol: ProvisionSymbol): this {
    // The rows are the table's shape; a re-check only swaps records within it.
    if (!this.rowOf.has(id)) throw new Error(`${id} is not a row of the stored table`);
    return super.set(id, symbol);
  }

  override delete(): boolean {
    throw new Error('the stored provision table is read-only in shape');
  }

  override clear(): void {
    throw new Error('the stored provision table is read-only in shape');
  }

  override *keys(): MapIterator<string> {
    yield* this.data.ids;
  }

  override *values(): MapIterator<ProvisionSymbol> {
    for (const id of this.data.ids) yield this.get(id)!;
  }

  override *entries(): MapIterator<[string, ProvisionSymbol]> {
    for (const id of this.data.ids) yield [id, this.get(id)!];
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
