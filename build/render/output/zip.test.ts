import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, readZip, writeZip, zipStored } from './zip.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('round-trips entries in order, stored or deflated', () => {
    const entries = [
      { name: '[Content_Types].xml', data: enc.encode('<Types/>'.repeat(50)) },
      { name: 'word/document.xml', data: enc.encode('x') },
      { name: 'docs/ünïcode.txt', data: enc.encode('café ≥ 5') },
    ];
    const zip = writeZip(entries, new Date(Date.UTC(2024, 4, 6, 7, 8, 10)));
    const back = readZip(zip);
    expect(back.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    expect(back.map((e) => dec.decode(e.data))).toEqual(entries.map((e) => dec.decode(e.data)));
  });

  it('stamps every entry with the given date in UTC, whatever the time zone', () => {
    const zip = writeZip([{ name: 'a', data: enc.encode('a') }], new Date(Date.UTC(2024, 4, 6, 7, 8, 10)));
    const view = new DataView(zip.buffer, zip.byteOffset);
    const time = view.getUint16(10, true);
    const date = view.getUint16(12, true);
    expect({ h: time >> 11, m: (time >> 5) & 63, s: (time & 31) * 2 }).toEqual({ h: 7, m: 8, s: 10 });
    expect({ y: (date >> 9) + 1980, mo: (date >> 5) & 15, d: date & 31 }).toEqual({ y: 2024, mo: 5, d: 6 });
  });

  it('writes entries deflated ahead (where a pack draws them) exactly as it deflates them itself, and unzip reads them', () => {
    // Hash output: no repeats for DEFLATE to find.
    const incompressible = new Uint8Array(Array.from({ length: 128 }, (_, i) => [...createHash('sha256').update(String(i)).digest()]).flat());
    const entries = [
      { name: 'text.xml', data: enc.encode('<p>same words again</p>'.repeat(200)) },
      { name: 'noise.bin', data: incompressible },
      { name: 'empty', data: new Uint8Array() },
    ];
    const d = new Date(Date.UTC(2024, 4, 6, 7, 8, 10));
    const ahead = writeZip(entries.map((e) => ({ ...e, stored: zipStored(e.data) })), d);
    expect(ahead).toEqual(writeZip(entries, d));
    // Stored, not deflated, where deflating would not make it smaller.
    expect(zipStored(incompressible).method).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'regmark-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), ahead);
      expect(execFileSync('unzip', ['-p', join(dir, 'a.zip'), 'text.xml'], { encoding: 'utf8' })).toBe('<p>same words again</p>'.repeat(200));
      execFileSync('unzip', ['-tq', join(dir, 'a.zip')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same bytes for the same entries and date', () => {
    const entries = [{ name: 'a.xml', data: enc.encode('<a>hello</a>') }];
    const d = new Date(Date.UTC(2020, 0, 1));
    expect(writeZip(entries, d)).toEqual(writeZip(entries, d));
  });
});
