import { describe, expect, it } from 'vitest';
import { TermTrie } from './termTrie.js';

function find(text: string, forms: Array<[string, string]>): string[] {
  const trie = new TermTrie();
  for (const [form, term] of forms) trie.add(form, term);
  const out: string[] = [];
  trie.scan(text, (m) => out.push(`${m.term}@${m.index}:${text.slice(m.index, m.index + m.length)}`));
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

  it('is case-sensitive and handles non-ASCII letters as word characters', () => {
    expect(find('party Café Cafés xCafé', forms)).toEqual(['Café@6:Café']);
  });
});
