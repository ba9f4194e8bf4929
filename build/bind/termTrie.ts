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

function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
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
  /** First characters of any form: a cheap filter before walking the trie. */
  private readonly starts = new Set<number>();

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
    this.starts.add(normal.charCodeAt(0));
  }

  /** Calls `found` for each non-overlapping longest match, left to right. */
  scan(text: string, found: (match: TermMatch) => void): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!this.starts.has(c) || (i > 0 && isWordCode(text.charCodeAt(i - 1)) && isWordCode(c))) {
        i++;
        continue;
      }
      let node: TrieNode | undefined = this.root;
      let j = i;
      let best: { term: string; end: number } | undefined;
      while (node && j < n) {
        const code = text.charCodeAt(j);
        if (isSpaceCode(code)) {
          node = node.next.get(SPACE);
          while (j < n && isSpaceCode(text.charCodeAt(j))) j++;
          continue;
        }
        node = node.next.get(code);
        j++;
        if (node?.term !== undefined && (j >= n || !isWordCode(text.charCodeAt(j)) || !isWordCode(code))) best = { term: node.term, end: j };
      }
      if (best) {
        found({ term: best.term, index: i, length: best.end - i });
        i = best.end;
      } else i++;
    }
  }
}
