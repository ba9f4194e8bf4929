import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermTrie } from './termTrie.js';

function find(text: string, forms: Array<[string, string]>): string[] {
  const trie = new TermTrie();
  for (const [form, term] of forms) trie.add(form, term);
  const out: string[] = [];
  trie.scan(text, (term, index, length) => out.push(`${term}@${index}:${text.slice(index, index + length)}`));
  return out;
}

describe('TermTrie', () => {
  const forms: Array<[string, string]> = [
    ['Party', 'Party'],
    ['Requesting Party', 'Requesting Party'],
    ['Requesting Parties', 'Requesting Party'],
    ['Group', 'Group'],
    ['GroupID', 'GroupID'],
    ['Group Device Model Combination List', 'Group Device Model Combination List'],
    ['Café', 'Café'],
  ];

  it('takes the longest form and maps plurals to their term', () => {
    expect(find('A Requesting Party and the Requesting Parties, and a Party.', forms)).toEqual(['Requesting Party@2:Requesting Party', 'Requesting Party@27:Requesting Parties', 'Party@53:Party']);
  });

  it('respects word boundaries: GroupID is not Group, Groups is not Group, but Party’s is Party', () => {
    expect(find('GroupID Groups Party’s Party-level xParty', forms)).toEqual(['GroupID@0:GroupID', 'Party@15:Party', 'Party@23:Party']);
  });

  it('matches across line breaks and runs of white space', () => {
    expect(find('each Group Device\n  Model Combination   List entry', forms)).toEqual(['Group Device Model Combination List@5:Group Device\n  Model Combination   List']);
  });

  it('falls back to a shorter form when the longer one does not complete', () => {
    expect(find('Requesting Partyline Group Device Model', forms)).toEqual(['Group@21:Group']);
  });

  it('refuses a snapshot that does not hang together', () => {
    const trie = new TermTrie();
    for (const [form, term] of forms) trie.add(form, term);
    const snapshot = trie.snapshot();
    expect(TermTrie.fromSnapshot({ ...snapshot, edgeTo: snapshot.edgeTo.slice(1) })).toBeUndefined();
    expect(TermTrie.fromSnapshot({ ...snapshot, counts: [snapshot.counts[0], snapshot.counts[1], snapshot.kids.length + 1] })).toBeUndefined();
    expect(TermTrie.fromSnapshot({ ...snapshot, terms: [[-1, 'Party']] })).toBeUndefined();
    // A full edge table would never end a probe.
    expect(TermTrie.fromSnapshot({ ...snapshot, edgeNode: snapshot.edgeNode.map(() => 0) })).toBeUndefined();
    expect(TermTrie.fromSnapshot(snapshot)).toBeInstanceOf(TermTrie);
  });

  it('is case-sensitive and handles non-ASCII letters as word characters', () => {
    expect(find('party Café Cafés xCafé', forms)).toEqual(['Café@6:Café']);
  });

  it('finds what a plain reading of every form at every word start finds, on random text', () => {
    const alphabet = ['a', 'b', 'A', 'B', ' ', '\n', '-', '’', 'é', '1'];
    const piece = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(piece, { minLength: 1, maxLength: 8 }), fc.array(piece, { maxLength: 30 }), (rawForms, pieces) => {
        const text = pieces.join('');
        const trie = new TermTrie();
        const normals: string[] = [];
        for (const form of rawForms) {
          trie.add(form, form);
          const normal = form.trim().replace(/\s+/g, ' ');
          if (normal && !normals.some((n) => n === normal)) normals.push(normal);
        }
        const got: string[] = [];
        trie.scan(text, (_term, index, length) => got.push(`${index}:${length}`));
        expect(got).toEqual(plainScan(text, normals));
        // Made again from a copy of its state (as the check index keeps it), it finds the same terms.
        const again: string[] = [];
        TermTrie.fromSnapshot(structuredClone(trie.snapshot()))!.scan(text, (term, index, length) => again.push(`${term}@${index}:${length}`));
        const first: string[] = [];
        trie.scan(text, (term, index, length) => first.push(`${term}@${index}:${length}`));
        expect(again).toEqual(first);
      }),
      { numRuns: 400 },
    );
  });
});

const isWord = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
const isSpace = (ch: string | undefined): boolean => ch !== undefined && /[ \n\r\t\u00a0]/.test(ch);

/** Where `form` matches at `at`, white space in the text standing for one space of the form: the end, or -1. */
function matchAt(text: string, at: number, form: string): number {
  let j = at;
  for (const ch of form) {
    if (ch === ' ') {
      if (!isSpace(text[j])) return -1;
      while (isSpace(text[j])) j++;
    } else if (text[j] === ch) j++;
    else return -1;
  }
  const last = text[j - 1];
  return isWord(last) && isWord(text[j]) ? -1 : j;
}

/** The reference: at each place a match may start, the longest form that matches; matches do not overlap. */
function plainScan(text: string, forms: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const startsWord = !(isWord(text[i]) && isWord(text[i - 1]));
    const best = startsWord ? Math.max(-1, ...forms.map((f) => matchAt(text, i, f))) : -1;
    if (best > i) {
      out.push(`${i}:${best - i}`);
      i = best;
    } else i++;
  }
  return out;
}
