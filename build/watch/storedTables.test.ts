import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ParsedFile } from '../model/corpus.js';
import type { IsoDate } from '../model/dates.js';
import { loadCorpus } from '../pipeline.js';
import { buildTermTrie } from '../bind/findTermUses.js';
import { definitions, manifest, writeRoot } from '../test/ruleTester.js';
import { lazyClauseFile, StoredProvisionTable, storedTablesOf, trieOfStored, type StoredTablesData } from './storedTables.js';
import { decodeTables, encodeTables } from './tablesFile.js';

/** As the index writes the tables to disk and reads them back. */
const throughDisk = (tables: StoredTablesData | undefined): StoredTablesData => decodeTables(encodeTables('token', tables!))!.tables;

const FIXTURE = join(import.meta.dirname, '../test/fixtures/before-retention');
const AS_AT = '2025-10-17' as IsoDate;

describe('stored provision table', () => {
  it('gives every symbol of the bound table, in its order, making each only when asked', async () => {
    const corpus = await loadCorpus(FIXTURE, { workers: 0, asAt: AS_AT });
    const stored = throughDisk(storedTablesOf(corpus.provisions, corpus.files, corpus.duplicates, buildTermTrie(corpus)));
    const asked = new Set<number>();
    const table = new StoredProvisionTable(
      stored,
      (i) => (asked.add(i), corpus.files[i]!),
      (i) => corpus.files[i]!,
    );
    expect(table.size).toBe(corpus.provisions.size);
    expect([...table.keys()]).toEqual([...corpus.provisions.keys()]);
    const some = [...corpus.provisions.values()].at(-1)!;
    const found = table.get(some.id)!;
    // Resolving a reference reads the ID, order and interval: no file is read for that.
    expect([found.id, found.doc, found.file, found.order, found.inForce, found.clause]).toEqual([some.id, some.doc, some.file, some.order, some.inForce, some.clause]);
    expect(asked.size).toBe(0);
    expect(found.record).toBe(some.record);
    expect(asked.size).toBe(1);
    for (const [id, symbol] of table) {
      const bound = corpus.provisions.get(id)!;
      expect({ ...symbol, record: symbol.record }).toMatchObject({ id, doc: bound.doc, file: bound.file, order: bound.order, inForce: bound.inForce, record: bound.record });
      expect(symbol.clause).toBe(bound.clause);
    }
    // An ID that another ID begins with, or that begins with another, is a row of its own or none.
    for (const id of table.keys()) {
      expect(table.has(`${id}0`)).toBe(corpus.provisions.has(`${id}0`));
      expect(table.has(id.slice(0, -1))).toBe(corpus.provisions.has(id.slice(0, -1)));
    }
    expect(table.has('AM no-such-clause')).toBe(false);
    expect(table.get('AM no-such-clause')).toBeUndefined();
    expect(() => table.set('AM no-such-clause', found)).toThrow();
  });

  it('keeps the term trie, which finds in any text what the corpus\'s own finds', async () => {
    const corpus = await loadCorpus(FIXTURE, { workers: 0, asAt: AS_AT });
    const trie = buildTermTrie(corpus);
    const stored = throughDisk(storedTablesOf(corpus.provisions, corpus.files, corpus.duplicates, trie));
    const again = trieOfStored(stored.trie)!;
    const found = (t: typeof trie) => {
      const out: string[] = [];
      for (const text of corpus.texts.values()) t.scan(text, (term, index) => out.push(`${term}@${index}`));
      return out;
    };
    expect(found(again).length).toBeGreaterThan(10);
    expect(found(again)).toEqual(found(trie));
    expect(trieOfStored({ ...stored.trie, edgeNode: stored.trie.edgeNode.subarray(1) })).toBeUndefined();
  });

  it('keeps the duplicate IDs of the provision table and not those of definitions', async () => {
    const root = await writeRoot({
      'documents/AX.md': manifest('AX'),
      'clauses/AX/01-one.md': '## 1 One\n\n**1.1** A clause.\n\n**1.1** The same number again.\n',
      'definitions/AX.md': definitions('AX', '**Widget** means a thing.\n\n**Widget** means the same thing again.\n'),
    });
    const corpus = await loadCorpus(root, { workers: 0, asAt: AS_AT });
    expect(corpus.duplicates.map((d) => d.what).sort()).toEqual(['AX 1.1', 'definition of Widget in AX']);
    expect(storedTablesOf(corpus.provisions, corpus.files, corpus.duplicates, buildTermTrie(corpus))!.duplicates.map((d) => d.what)).toEqual(['AX 1.1']);
  });
});

describe('lazy clause file', () => {
  it('reads its shape once, when its records are first asked for', () => {
    let reads = 0;
    const whole: ParsedFile = { path: 'clauses/AX/01-one.md', role: 'clauses', doc: 'AX', provisions: [], definitions: [], diagnostics: [], untagged: [] };
    const file = lazyClauseFile({ path: whole.path, doc: whole.doc }, () => (reads++, whole));
    expect([file.path, file.role, file.doc, file.paper, file.manifest, file.matrix]).toEqual([whole.path, 'clauses', 'AX', undefined, undefined, undefined]);
    expect(reads).toBe(0);
    expect(file.provisions).toBe(whole.provisions);
    expect(file.diagnostics).toBe(whole.diagnostics);
    expect(reads).toBe(1);
  });
});
