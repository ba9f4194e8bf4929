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

/**
 * Word characters by UTF-16 code: ASCII is fixed, anything above is decided by Unicode class on first
 * sight and remembered (1 word, 2 not), so the scan never runs a regular expression twice for a code.
 */
const WORD_CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) WORD_CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? 1 : 2;

function isWordCode(c: number): boolean {
  let known = WORD_CLASS[c];
  if (known === 0) WORD_CLASS[c] = known = /[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 160;
}

/**
 * The trie flattened for scanning: nodes are numbers, and each edge (node, character) sits in one
 * open-addressed table of typed arrays. A scan takes a step per character of every capitalised word in
 * the corpus, and a Map per node made each step a hash lookup in a different object; this keeps the
 * steps in a few flat arrays.
 */
interface Flat {
  /** Character code to its small letter number, 0 for a character no form contains. */
  letter: Uint16Array;
  edgeNode: Int32Array;
  edgeLetter: Uint16Array;
  edgeTo: Int32Array;
  mask: number;
  terms: Array<string | undefined>;
}

function flatten(root: TrieNode): Flat {
  const letter = new Uint16Array(65536);
  let letters = 0;
  const nodes: TrieNode[] = [root];
  let edges = 0;
  for (let n = 0; n < nodes.length; n++) {
    for (const [code, child] of nodes[n]!.next) {
      if (letter[code] === 0) letter[code] = ++letters;
      nodes.push(child);
      edges++;
    }
  }
  let size = 16;
  while (size < edges * 2) size *= 2;
  const edgeNode = new Int32Array(size).fill(-1);
  const edgeLetter = new Uint16Array(size);
  const edgeTo = new Int32Array(size);
  const mask = size - 1;
  const id = new Map<TrieNode, number>(nodes.map((node, i) => [node, i]));
  for (let n = 0; n < nodes.length; n++) {
    for (const [code, child] of nodes[n]!.next) {
      const l = letter[code]!;
      let h = slot(n, l, mask);
      while (edgeNode[h] !== -1) h = (h + 1) & mask;
      edgeNode[h] = n;
      edgeLetter[h] = l;
      edgeTo[h] = id.get(child)!;
    }
  }
  return { letter, edgeNode, edgeLetter, edgeTo, mask, terms: nodes.map((node) => node.term) };
}

function slot(node: number, letter: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(letter, 0x85ebca6b)) & mask;
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
  private flat: Flat | undefined;

  add(form: string, term: string): void {
    const normal = form.trim().replace(/\s+/g, ' ');
    if (!normal) return;
    this.flat = undefined;
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
    const { letter, edgeNode, edgeLetter, edgeTo, mask, terms } = (this.flat ??= flatten(this.root));
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
      let node = 0;
      let j = i;
      let bestTerm: string | undefined;
      let bestEnd = 0;
      while (j < n) {
        let code = text.charCodeAt(j);
        const space = isSpaceCode(code);
        if (space) {
          code = SPACE;
          while (j < n && isSpaceCode(text.charCodeAt(j))) j++;
        } else j++;
        const l = letter[code]!;
        if (l === 0) break;
        let h = slot(node, l, mask);
        let next = -1;
        for (let at = edgeNode[h]!; at !== -1; at = edgeNode[(h = (h + 1) & mask)]!) {
          if (at === node && edgeLetter[h] === l) {
            next = edgeTo[h]!;
            break;
          }
        }
        if (next === -1) break;
        node = next;
        if (space) continue;
        const term = terms[node];
        if (term !== undefined && (j >= n || !isWordCode(code) || !isWordCode(text.charCodeAt(j)))) {
          bestTerm = term;
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
