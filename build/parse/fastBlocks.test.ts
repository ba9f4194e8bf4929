/**
 * The fast reader is only an optimisation: wherever it accepts a file, checking must see exactly what it sees
 * through remark-parse. Held to that over the repository's corpus, the fixtures, and generated documents
 * built from the constructs that make Markdown subtle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastParse } from './fastBlocks.js';
import { fastTree, parseSource } from './parseFile.js';
import { checkFacts } from './readerParity.js';
import { sampleBlockSoup, sampleDocument, sampleInlineSoup, sampleLineSoup } from '../test/markdownSamples.js';

const repo = resolve(import.meta.dirname, '../..');

/** The Markdown files under `dir` whose paths hold one of `parts`. */
function markdownFiles(dir: string, ...parts: string[]): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => path.endsWith('.md') && !path.includes('.regmark-cache') && parts.some((part) => path.includes(part)) && statSync(path).isFile());
}


function parity(text: string, role: 'clauses' | 'definitions' = 'clauses'): { fast: boolean; same: boolean } {
  const fast = parseSource('f.md', role, 'AM', text, [], { fast: true }).file;
  const full = parseSource('f.md', role, 'AM', text, [], { fast: false }).file;
  return { fast: fastParse(text) !== undefined, same: JSON.stringify(checkFacts(fast)) === JSON.stringify(checkFacts(full)) };
}

describe('fast reader parity with remark-parse', () => {
  it('agrees on every clause file of the fixtures', () => {
    const files = markdownFiles(join(repo, 'build/test/fixtures'), '/clauses/', '/definitions/');
    expect(files.length).toBeGreaterThan(20);
    let accepted = 0;
    for (const file of files) {
      const r = parity(readFileSync(file, 'utf8'), file.includes('/definitions/') ? 'definitions' : 'clauses');
      expect({ file, same: r.same }).toEqual({ file, same: true });
      if (r.fast) accepted++;
    }
    expect(accepted / files.length).toBeGreaterThan(0.8);
  }, 60_000);

  it('reads every manifest of the fixtures and the corpus as remark does, but a consultation paper, whose directives it leaves to remark', () => {
    const manifests = [join(repo, 'build/test/fixtures'), join(repo, 'documents')].flatMap((dir) => markdownFiles(dir, '/documents/'));
    expect(manifests.length).toBeGreaterThan(10);
    let papers = 0;
    for (const path of manifests) {
      const text = readFileSync(path, 'utf8');
      const fast = parseSource('documents/X.md', 'manifest', 'X', text, [], { fast: true });
      const full = parseSource('documents/X.md', 'manifest', 'X', text, [], { fast: false });
      expect(JSON.stringify(fast), path).toEqual(JSON.stringify(full));
      const paper = /^kind:\s*consultation\s*$/m.test(text);
      if (paper) papers++;
      expect(fastTree('manifest', text) !== undefined, path).toBe(!paper && fastParse(text) !== undefined);
    }
    expect(papers).toBeGreaterThan(0);
    expect(manifests.filter((path) => fastTree('manifest', readFileSync(path, 'utf8'))).length).toBeGreaterThan(10);
    // A paper's directive is a node of its own, which the fast reader, held to remark without directives, never makes.
    const paper = '---\nkind: consultation\nid: CON-X\n---\n# Summary\n\n::changes{doc=AX}\n';
    expect(fastTree('manifest', paper)).toBeUndefined();
    expect(JSON.stringify(parseSource('documents/CON-X.md', 'manifest', 'CON-X', paper, [], { fast: true }).tree)).toContain('leafDirective');
  });

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

  it('declines an item or a note that opens a block, and lines that open one inside them, which remark reads as blocks', () => {
    const head = '## 1 Scope\n\n**1.1** Rule.\n\n';
    const inside = [
      '- - (a) a list in an item\n',
      '- 1. an ordered list in an item\n',
      '- > a quote in an item\n',
      '- # a heading in an item\n',
      '- [^1]: a note in an item\n\n[^1]: Text.\n',
      '- (a) one\n  - (i) two\n      ===\n',
      '- (a) one\n  - (i) two\n      ---\n',
      '- (a) item | cells\n  --- | ---\n',
      'A | B\n--- | ---\n',
      'Text\n # heading indented a space\n',
      '[^1]: # a heading in a note\n',
      '[^1]: Note\n     # heading inside the note\n',
    ];
    for (const body of inside) {
      const text = head + body;
      expect(fastParse(text), JSON.stringify(body)).toBeUndefined();
      expect(parity(text).same).toBe(true);
    }
    // What stays plain text in an item is still read fast.
    expect(fastParse(head + '- (a) #hash and 1.5 and a-b\n')).toBeDefined();
  });

  /** How many of `seeds` generated files the fast reader takes; each it takes must read as remark reads it, in every role given. */
  function agreesOn(sample: (seed: number) => string, seeds: number, roles: ReadonlyArray<'clauses' | 'definitions'> = ['clauses']): number {
    let accepted = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const text = sample(seed);
      if (!fastParse(text)) continue;
      accepted++;
      for (const role of roles) if (!parity(text, role).same) expect({ seed, role, text }).toEqual({ seed, role, text: 'facts differ between the readers' });
    }
    return accepted;
  }

  it('agrees on generated items, notes and paragraphs whose lines open blocks at any indentation, or declines them', () => {
    expect(agreesOn(sampleLineSoup, 20_000)).toBeGreaterThan(200);
  }, 60_000);

  it('agrees on generated text of delimiters, escapes, code spans and references run together, or declines it', () => {
    expect(agreesOn(sampleInlineSoup, 3000)).toBeGreaterThan(300);
    // Two bold numbers run together are no strong text to remark, nor is bold ending in a stop before a letter.
    for (const opening of ['**1.2****1.2**', '**x.**é', '**?`c`**', '**a[b**']) {
      expect(fastParse(`## 1 Scope\n\n${opening} text\n`), opening).toBeUndefined();
      expect(parity(`## 1 Scope\n\n${opening} text\n`).same).toBe(true);
    }
  }, 60_000);

  it('agrees on generated tables, headings, lists, notes and front matter, as clauses and as definitions, or declines them', () => {
    expect(agreesOn(sampleBlockSoup, 3000, ['clauses', 'definitions'])).toBeGreaterThan(150);
    // A no-break space is text, not white space: a line of one is a paragraph.
    expect(parity('\u00a0\n').same).toBe(true);
  }, 60_000);

  it('agrees on 400 generated documents, or declines them', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { text, phrase } = sampleDocument(seed);
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
