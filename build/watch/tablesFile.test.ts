/** The stored tables' file reads back what was written, and any damage reads as no file at all. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../model/dates.js';
import { loadCorpus } from '../pipeline.js';
import { buildTermTrie } from '../bind/findTermUses.js';
import { storedTablesOf } from './storedTables.js';
import { decodeTables, encodeTables } from './tablesFile.js';

const FIXTURE = join(import.meta.dirname, '../test/fixtures/before-retention');

async function tables() {
  const corpus = await loadCorpus(FIXTURE, { workers: 0, asAt: '2025-10-17' as IsoDate });
  return storedTablesOf(corpus.provisions, corpus.files, corpus.duplicates, buildTermTrie(corpus))!;
}

describe('tables file', () => {
  it('reads back every array, string and list it was given', async () => {
    const data = await tables();
    const bytes = encodeTables('a-token', data);
    const read = decodeTables(bytes)!;
    expect(read.token).toBe('a-token');
    expect(read.tables.ids).toBe(data.ids);
    expect([...read.tables.rows]).toEqual([...data.rows]);
    expect([...read.tables.idIndex.starts]).toEqual([...data.idIndex.starts]);
    expect([...read.tables.idIndex.slots]).toEqual([...data.idIndex.slots]);
    expect(read.tables.intervals).toEqual(data.intervals);
    expect(read.tables.duplicates).toEqual(data.duplicates);
    for (const key of Object.keys(data.trie) as Array<keyof typeof data.trie>) {
      const [got, want] = [read.tables.trie[key], data.trie[key]];
      expect(ArrayBuffer.isView(want) ? [...(got as Uint8Array)] : got, key).toEqual(ArrayBuffer.isView(want) ? [...(want as Uint8Array)] : want);
    }
    // Sections are views of the one buffer, not copies.
    expect(read.tables.rows.buffer).toBe(bytes.buffer);
    // The same tables make the same bytes.
    expect(encodeTables('a-token', data).equals(bytes)).toBe(true);
  });

  it('reads a damaged, cut short or foreign file as none', async () => {
    const bytes = encodeTables('t', await tables());
    for (const at of [0, 5, 9, 20, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const damaged = Buffer.from(bytes);
      damaged[at]! ^= 0x40;
      expect(decodeTables(damaged), `byte ${at}`).toBeUndefined();
    }
    expect(decodeTables(bytes.subarray(0, bytes.length - 8))).toBeUndefined();
    expect(decodeTables(bytes.subarray(0, 6))).toBeUndefined();
    expect(decodeTables(Buffer.from('{"token":"t","tables":{}}'))).toBeUndefined();
  });

  it('reads a file whose buffer leaves its sections misaligned', async () => {
    const bytes = encodeTables('t', await tables());
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    const read = decodeTables(shifted.subarray(1))!;
    expect([...read.tables.rows]).toEqual([...decodeTables(bytes)!.tables.rows]);
  });
});
