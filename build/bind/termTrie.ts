/**
 * Finds every defined term in text in one pass: a character trie walked from each word start, keeping
 * the longest form that ends on a word boundary ("Requesting Party" wins over "Party"). Any run of white
 * space in the text matches the single space of a term, so terms wrapped across lines are still found.
 */
interface TrieNode {
  next: Map<number, TrieNode>;
  term?: string;
}

const SPACE = 32;

/** ASCII word characters by code; anything above 127 is decided by Unicode class, memoised. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? 1 : 0;
const WIDE_WORD = new Map<number, boolean>();

function isWordCode(c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  let known = WIDE_WORD.get(c);
  if (known === undefined) WIDE_WORD.set(c, (known = /[\p{L}\p{N}]/u.test(String.fromCharCode(c))));
  return known;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 160;
}

export interface TermMatch {
  term: string;
  index: number;
  length: number;
}

export class TermTrie {
  private readonly root: TrieNode = { next: new Map() };
  /** First characters of any form, by UTF-16 code: a cheap filter before walking the trie. */
  private readonly starts = new Uint8Array(65536);

  add(form: string, term: string): void {
    const normal = form.trim().replace(/\s+/g, ' ');
    if (!normal) return;
    let node = this.root;
    for (let i = 0; i < normal.length; i++) {
      const c = normal.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map() }));
      node = child;
    }
    node.term ??= term;
    this.starts[normal.charCodeAt(0)] = 1;
  }

  /** Calls `found` for each non-overlapping longest match, left to right. */
  scan(text: string, found: (match: TermMatch) => void): void {
    const n = text.length;
    const starts = this.starts;
    let i = 0;
    let prevWord = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      const word = isWordCode(c);
      // Only a word start (or a non-word character) can begin a match.
      if (starts[c] === 0 || (prevWord && word)) {
        prevWord = word;
        i++;
        continue;
      }
      let node: TrieNode | undefined = this.root;
      let j = i;
      let bestTerm: string | undefined;
      let bestEnd = 0;
      while (node !== undefined && j < n) {
        const code = text.charCodeAt(j);
        if (isSpaceCode(code)) {
          node = node.next.get(SPACE);
          while (j < n && isSpaceCode(text.charCodeAt(j))) j++;
          continue;
        }
        node = node.next.get(code);
        j++;
        if (node?.term !== undefined && (j >= n || !isWordCode(code) || !isWordCode(text.charCodeAt(j)))) {
          bestTerm = node.term;
          bestEnd = j;
        }
      }
      if (bestTerm !== undefined) {
        found({ term: bestTerm, index: i, length: bestEnd - i });
        prevWord = isWordCode(text.charCodeAt(bestEnd - 1));
        i = bestEnd;
      } else {
        prevWord = word;
        i++;
      }
    }
  }
}
