/** A changed file's term matches, from its old ones and a scan of the edited span, are those of a scan of it all. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanFile, trieOfPairs } from '../bind/findTermUses.js';
import { parseSource } from '../parse/parseFile.js';
import { editSpan } from './editSpan.js';
import { matchesAfterEdit } from './editMatches.js';

const trie = trieOfPairs([
  ['Widget Register', 'Widget Register'],
  ['Widget Registers', 'Widget Register'],
  ['Keeper', 'Keeper'],
]);

const parse = (text: string) => parseSource('clauses/AX/01-test.md', 'clauses', 'AX', text).file;

/** Clauses with sub-paragraphs, text after their lists, escapes and emphasis: records whose text is not one stretch. */
const TEXT = [
  '## 1 Registers',
  '',
  '**1.1** The Keeper shall keep the Widget Register, and:',
  '',
  '- (a) record each widget in the Widget Register;',
  '- (b) send the \\*Widget Registers\\* to each Keeper,',
  '',
  'and the Keeper shall do so yearly.',
  '',
  '**1.2** A *Keeper* may ask for the Widget Register.',
  '',
  '**1.3** Nothing here.',
  '',
].join('\n');

describe('matchesAfterEdit', () => {
  it('gives what scanning the edited file gives, after any edit (fast-check)', () => {
    const before = parse(TEXT);
    fc.assert(
      fc.property(fc.nat(TEXT.length), fc.nat(40), fc.constantFrom('', ' Keeper', ' Widget', ' Register', 'x', ' the Widget Register', '\\*', '*'), (at, cut, insert) => {
        const text = TEXT.slice(0, at) + insert + TEXT.slice(Math.min(TEXT.length, at + cut));
        const after = parse(text);
        // The re-check takes this path only when the records keep their shape.
        fc.pre(after.provisions.map((p) => p.local).join() === before.provisions.map((p) => p.local).join());
        const span = editSpan(TEXT, text, after.provisions.map((p) => p.offset));
        expect(matchesAfterEdit(trie, after, scanFile(trie, before), span)).toEqual(scanFile(trie, after));
      }),
      { numRuns: 500 },
    );
  });

  it('drops a match whose text the edit took from a record it did not otherwise touch', () => {
    const before = parse(TEXT);
    // The words after 1.1's list belong to 1.1, but sit after (b): deleting them leaves 1.1's runs outside the span.
    const text = TEXT.replace('\nand the Keeper shall do so yearly.\n', '');
    const after = parse(text);
    const span = editSpan(TEXT, text, after.provisions.map((p) => p.offset))!;
    expect(matchesAfterEdit(trie, after, scanFile(trie, before), span)).toEqual(scanFile(trie, after));
    expect(scanFile(trie, after).p1!.map(([term]) => term)).toEqual(['Keeper', 'Widget Register']);
  });

  it('scans the whole file when the stored matches are damaged', () => {
    const before = parse(TEXT);
    const text = TEXT.replace('Nothing here.', 'Nothing here yet.');
    const after = parse(text);
    const span = editSpan(TEXT, text, after.provisions.map((p) => p.offset));
    const damaged: unknown[] = [{ p1: [['Keeper', 'x']] }, { p1: 'Keeper' }, { q0: [] }, { p99: [] }, { p1: [['Keeper', -4]] }, { p1: [['Keeper']] }, [], null];
    for (const stored of damaged) expect(matchesAfterEdit(trie, after, stored as never, span), JSON.stringify(stored)).toEqual(scanFile(trie, after));
    // Well-formed but stale matches are not what this guards against: the cache is keyed by the text's content.
    expect(matchesAfterEdit(trie, after, scanFile(trie, before), span)).toEqual(scanFile(trie, after));
  });

  it('scans the whole file without old matches or a span', () => {
    const after = parse(TEXT);
    expect(matchesAfterEdit(trie, after, undefined, { from: 0, toAfter: 0, toBefore: 0 })).toEqual(scanFile(trie, after));
    expect(matchesAfterEdit(trie, after, scanFile(trie, after), undefined)).toEqual(scanFile(trie, after));
  });
});
