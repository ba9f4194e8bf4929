/**
 * The fast reader is only an optimisation: wherever it accepts a file, checking must see exactly what it sees
 * through remark-parse. Held to that over the repository's corpus, the fixtures, and generated documents
 * built from the constructs that make Markdown subtle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastParse } from './fastBlocks.js';
import { parseSource } from './parseFile.js';
import { checkFacts } from './readerParity.js';

const repo = resolve(import.meta.dirname, '../..');

function clauseFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) clauseFiles(path, out);
    else if (name.endsWith('.md') && (path.includes('/clauses/') || path.includes('/definitions/'))) out.push(path);
  }
  return out;
}

function parity(text: string, role: 'clauses' | 'definitions' = 'clauses'): { fast: boolean; same: boolean } {
  const fast = parseSource('f.md', role, 'AM', text, [], { fast: true }).file;
  const full = parseSource('f.md', role, 'AM', text, [], { fast: false }).file;
  return { fast: fastParse(text) !== undefined, same: JSON.stringify(checkFacts(fast)) === JSON.stringify(checkFacts(full)) };
}

/** A small seeded generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick };
}

const WORDS = ['the', 'DCC', 'Requesting', 'Party', 'shall', 'GroupID', 'Clause 7.2', 'Section 18', 'data', 'Device', 'and', 'or', 'within', 'days'];
const INLINE = [
  () => '[[AL 7.2]]', () => '[[7.9A-7.9D]]', () => '[[AM 2A.1.1|this\n  clause]]', () => '[[AL]]', () => '[[ZZ 1.1]]', () => '[[not a ref]]', () => '[[unclosed',
  () => '`code [[x]] span`', () => '``double ` tick``', () => '`unclosed', () => '*emphasis*', () => '**strong words**', () => '*spanning\nlines*', () => 'a*b*c', () => '**',
  () => '\\*escaped\\*', () => '\\[[AL 7.2]]', () => 'x\\|y', () => '[^1]', () => '[^nodef]', () => '[label]', () => '[text](http://example.org)', () => 'A & B', () => '&amp;',
  () => '<b>html</b>', () => 'snake_case', () => '_under_', () => '~~gone~~', () => 'Party’s', () => '(a)', () => '#hash',
];
const BLOCKS = [
  (r: ReturnType<typeof random>, p: () => string) => `**${r.pick(['1.1', '7.9A', '2A.1.1', '18.17p'])}** ${r.pick(['', '{kind=obligation} ', '{from="AL 7.9A"} ', '{bad ', '{kind=duty} '])}${p()}`,
  (r: ReturnType<typeof random>, p: () => string) => `${r.pick(['## 7 Section', '## 2A Retained', '### Plain heading', '# 18 Device [[AL 7]]', '## Heading ##'])}${r.next() < 0.2 ? ' ' + p() : ''}`,
  (_r: ReturnType<typeof random>, p: () => string) => `- (a) ${p()}\n- (b) ${p()}\n  - (i) ${p()}\n  - (ii) ${p()}\n    continued ${p()}`,
  (_r: ReturnType<typeof random>, p: () => string) => `- plain item ${p()}\n- (c) labelled\nlazy ${p()}`,
  (_r: ReturnType<typeof random>, p: () => string) => `- (a) one\n\n- (b) two after a blank\n\n  indented paragraph ${p()}`,
  (_r: ReturnType<typeof random>, p: () => string) => `| A | B |\n|---|:-:|\n| ${p().replace(/\n/g, ' ')} | [[AM 2A.1.1\\|text]] |\n| x | y |`,
  (_r: ReturnType<typeof random>, p: () => string) => `[^1]: A note ${p()}\ncontinued note`,
  (_r: ReturnType<typeof random>, p: () => string) => `Plain paragraph ${p()}\n  indented continuation ${p()}  \nhard break`,
  () => '---', () => '> quoted', () => '    indented code', () => '```\nfenced\n```', () => '1. ordered', () => '* star item', () => 'Setext\n===',
];

describe('fast reader parity with remark-parse', () => {
  it('agrees on every clause file of the fixtures', () => {
    const files = clauseFiles(join(repo, 'build/test/fixtures'));
    expect(files.length).toBeGreaterThan(20);
    let accepted = 0;
    for (const file of files) {
      const r = parity(readFileSync(file, 'utf8'), file.includes('/definitions/') ? 'definitions' : 'clauses');
      expect({ file, same: r.same }).toEqual({ file, same: true });
      if (r.fast) accepted++;
    }
    expect(accepted / files.length).toBeGreaterThan(0.8);
  }, 60_000);

  it('agrees on orphan text above the first section and on footnote calls with no text, taking the fast path', () => {
    const text = 'Preface citing [[QX 1.1]] and a call[^none].\n\n- a listed aside\n\n## 1 Scope\n\n**1.1** Rule[^gone] text[^ok].\n\n[^ok]: A note.\n';
    expect(parity(text)).toMatchObject({ same: true, fast: true });
    const file = parseSource('f.md', 'clauses', 'AM', text, [], { fast: true }).file;
    expect(file.diagnostics.map((d) => `${d.code}@${d.offset}`)).toEqual(['orphan-text@0', 'missing-footnote@88', 'missing-footnote@36']);
    expect(file.provisions[0]!.references.map((r) => r.raw)).toEqual(['QX 1.1']);
  });

  it('declines a file with any character or sequence outside its subset, wherever it is', () => {
    const plain = '## 1 Title\n\n**1.1** The DCC shall keep snake_case words.\n';
    expect(fastParse(plain)).toBeDefined();
    for (const odd of ['\r', '\t', '<b>', '~~x~~', '&amp;', '&#169;', '![i](p.png)', '[t](u)', ' _x_ ', '_start', 'end_']) {
      expect(fastParse(`${plain}\n**1.2** Before ${odd} after.\n`), JSON.stringify(odd)).toBeUndefined();
      expect(fastParse(`${odd}${plain}`), JSON.stringify(odd)).toBeUndefined();
    }
    // An ampersand that is not an entity does not need the full reader.
    expect(fastParse(`${plain}\n**1.2** Smith & Sons.\n`)).toBeDefined();
  });

  it('agrees on 400 generated documents, or declines them', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const r = random(seed);
      // Even seeds keep to constructs the fast reader is meant to take, so both of its answers are exercised.
      const inline = seed % 2 === 0 ? INLINE.slice(0, 22) : INLINE;
      const blocks = seed % 2 === 0 ? BLOCKS.slice(0, 7) : BLOCKS;
      const phrase = () => Array.from({ length: 3 + Math.floor(r.next() * 8) }, () => (r.next() < 0.2 ? r.pick(inline)() : r.pick(WORDS))).join(r.next() < 0.1 ? '\n' : ' ');
      const text = Array.from({ length: 2 + Math.floor(r.next() * 6) }, () => r.pick(blocks)(r, phrase)).join(r.next() < 0.15 ? '\n' : '\n\n') + '\n';
      const p = parity(text);
      const d = parity(`---\ndocument: AM\n---\n**Term** {plural="Terms"} means ${phrase()}\n\n` + text, 'definitions');
      if (!d.same) expect({ seed, text }).toEqual({ seed, text: 'definition facts differ between the readers' });
      if (!p.same) expect({ seed, text }).toEqual({ seed, text: 'facts differ between the readers' });
      if (p.fast) accepted++;
    }
    // The generator is built to be hard; enough must still take the fast path for the test to mean something.
    expect(accepted).toBeGreaterThan(20);
  }, 60_000);
});
