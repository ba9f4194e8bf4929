/**
 * Finds every defined term in text in one pass: a character trie walked from each word start, keeping
 * the longest form that ends on a word boundary ("Requesting Party" wins over "Party"). Any run of white
 * space in the text matches the single space of a term, so terms wrapped across lines are still found.
 */
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

function slot(node: number, letter: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(letter, 0x85ebca6b)) & mask;
}

export interface TermMatch {
  term: string;
  index: number;
  length: number;
}

/**
 * Nodes are numbers (the root is 0) and every edge (node, character) sits in one open-addressed table of
 * typed arrays. A scan takes a step per character of every capitalised word in the corpus; with a Map per
 * node each step was a hash lookup in a different object, and building the trie made one Map per node.
 */
/** A trie's whole state, as `snapshot` gives it and `fromSnapshot` takes it: typed arrays, counts and the terms of end nodes. */
export interface TrieSnapshot {
  letter: Uint16Array<ArrayBuffer>;
  starts: Uint8Array<ArrayBuffer>;
  edgeNode: Int32Array<ArrayBuffer>;
  edgeLetter: Uint16Array<ArrayBuffer>;
  edgeTo: Int32Array<ArrayBuffer>;
  kids: Uint8Array<ArrayBuffer>;
  firstLetter: Uint16Array<ArrayBuffer>;
  firstChild: Int32Array<ArrayBuffer>;
  /** Letters, edges and nodes in use. */
  counts: [letters: number, edges: number, nodes: number];
  /** The term of each node that ends a form. */
  terms: Array<[node: number, term: string]>;
}

export class TermTrie {
  /** Character code to its small letter number, 0 for a character no form contains. */
  private readonly letter = new Uint16Array(65536);
  private letters = 0;
  /** First characters of any form, by UTF-16 code: a cheap filter before walking the trie. */
  private readonly starts = new Uint8Array(65536);
  private readonly terms: Array<string | undefined> = [undefined];
  private edges = 0;
  private edgeNode = new Int32Array(1024).fill(-1);
  private edgeLetter = new Uint16Array(1024);
  private edgeTo = new Int32Array(1024);
  /**
   * Per node, how many children (0, 1, or 2 for more) and its first child with that child's letter. Most nodes
   * are links in one form's chain of characters, with one child: a scan steps along such a chain through these
   * arrays, whose entries for consecutive characters of a form sit side by side, and probes the table only at a
   * node with several children.
   */
  private kids = new Uint8Array(1024);
  private firstLetter = new Uint16Array(1024);
  private firstChild = new Int32Array(1024);

  add(form: string, term: string): void {
    const normal = form.trim().replace(/\s+/g, ' ');
    if (!normal) return;
    let node = 0;
    for (let i = 0; i < normal.length; i++) {
      const c = normal.charCodeAt(i);
      const l = this.letter[c] || (this.letter[c] = ++this.letters);
      let child = this.child(node, l);
      if (child === -1) {
        child = this.terms.length;
        this.terms.push(undefined);
        if (child >= this.kids.length) this.growNodes();
        this.link(node, l, child);
        if (this.kids[node] === 0) {
          this.firstLetter[node] = l;
          this.firstChild[node] = child;
        }
        this.kids[node] = Math.min(2, this.kids[node]! + 1);
      }
      node = child;
    }
    this.terms[node] ??= term;
    this.starts[normal.charCodeAt(0)] = 1;
    this.pattern = undefined;
  }

  /** The child of `node` by letter `l`, or -1: along a chain of single children directly, else through the table. */
  private child(node: number, l: number): number {
    const many = this.kids[node]!;
    if (many === 0) return -1;
    if (many === 1) return this.firstLetter[node] === l ? this.firstChild[node]! : -1;
    const { edgeNode, edgeLetter } = this;
    const mask = edgeNode.length - 1;
    for (let h = slot(node, l, mask); edgeNode[h] !== -1; h = (h + 1) & mask) {
      if (edgeNode[h] === node && edgeLetter[h] === l) return this.edgeTo[h]!;
    }
    return -1;
  }

  private link(node: number, l: number, to: number): void {
    // Kept at most half full, so that a probe ends soon on an empty slot.
    if (++this.edges * 2 > this.edgeNode.length) this.grow();
    const mask = this.edgeNode.length - 1;
    let h = slot(node, l, mask);
    while (this.edgeNode[h] !== -1) h = (h + 1) & mask;
    this.edgeNode[h] = node;
    this.edgeLetter[h] = l;
    this.edgeTo[h] = to;
  }

  private growNodes(): void {
    const size = this.kids.length * 2;
    const kids = new Uint8Array(size);
    const firstLetter = new Uint16Array(size);
    const firstChild = new Int32Array(size);
    kids.set(this.kids);
    firstLetter.set(this.firstLetter);
    firstChild.set(this.firstChild);
    this.kids = kids;
    this.firstLetter = firstLetter;
    this.firstChild = firstChild;
  }

  private grow(): void {
    const { edgeNode, edgeLetter, edgeTo } = this;
    const size = edgeNode.length * 2;
    this.edgeNode = new Int32Array(size).fill(-1);
    this.edgeLetter = new Uint16Array(size);
    this.edgeTo = new Int32Array(size);
    const mask = size - 1;
    for (let k = 0; k < edgeNode.length; k++) {
      if (edgeNode[k] === -1) continue;
      let h = slot(edgeNode[k]!, edgeLetter[k]!, mask);
      while (this.edgeNode[h] !== -1) h = (h + 1) & mask;
      this.edgeNode[h] = edgeNode[k]!;
      this.edgeLetter[h] = edgeLetter[k]!;
      this.edgeTo[h] = edgeTo[k]!;
    }
  }

  /**
   * Calls `found` for each non-overlapping longest match, left to right, with the term and where its form is in
   * `text` (no object per match: a whole code has hundreds of thousands).
   */
  scan(text: string, found: (term: string, index: number, length: number) => void): void {
    const { letter, terms } = this;
    const n = text.length;
    // The regular expression jumps to the next character that can begin a form, in native code: most characters
    // of a text (a clause's small letters) are passed over without a step of this loop each.
    const startAt = this.startPattern();
    startAt.lastIndex = 0;
    while (startAt.test(text)) {
      const i = startAt.lastIndex - 1;
      // Only a word start (or a non-word character) can begin a match.
      if (i > 0 && isWordCode(text.charCodeAt(i)) && isWordCode(text.charCodeAt(i - 1))) continue;
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
        const next = this.child(node, l);
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
        found(bestTerm, i, bestEnd - i);
        startAt.lastIndex = bestEnd;
      }
    }
  }

  /** The state to store, for a trie made again without adding every form (the check index keeps one). */
  snapshot(): TrieSnapshot {
    const terms: Array<[number, string]> = [];
    this.terms.forEach((term, node) => term !== undefined && terms.push([node, term]));
    const nodes = this.terms.length;
    const { letter, starts, edgeNode, edgeLetter, edgeTo } = this;
    // Per node, only the nodes in use: the arrays grow ahead of them.
    const [kids, firstLetter, firstChild] = [this.kids.slice(0, nodes), this.firstLetter.slice(0, nodes), this.firstChild.slice(0, nodes)];
    return { letter, starts, edgeNode, edgeLetter, edgeTo, kids, firstLetter, firstChild, counts: [this.letters, this.edges, nodes], terms };
  }

  /** A trie from a snapshot, or undefined when the snapshot does not hang together. */
  static fromSnapshot(s: TrieSnapshot): TermTrie | undefined {
    const [letters, edges, nodes] = s.counts;
    const pow2 = (n: number) => n > 0 && (n & (n - 1)) === 0;
    const edgeSlots = s.edgeNode.length;
    const nodeSlots = s.kids.length;
    if (s.letter.length !== 65536 || s.starts.length !== 65536 || !pow2(edgeSlots) || s.edgeLetter.length !== edgeSlots || s.edgeTo.length !== edgeSlots || edges * 2 > edgeSlots) return undefined;
    if (s.firstLetter.length !== nodeSlots || s.firstChild.length !== nodeSlots || nodes !== nodeSlots || nodes < 1) return undefined;
    // Indexed loops: a re-check runs this once, before any of it is optimised, and an iterator's steps then cost some
    // four times as much (the edge table's 65,536 slots took 9 ms so against 2.5 ms).
    const terms = s.terms;
    for (let i = 0; i < terms.length; i++) {
      const node = terms[i]![0];
      if (node < 0 || node >= nodes) return undefined;
    }
    // The edge table's probes end on an empty slot: at most half of them may be taken, and `edges` says how many.
    const edgeNode = s.edgeNode;
    let taken = 0;
    for (let i = 0; i < edgeSlots; i++) if (edgeNode[i] !== -1) taken++;
    if (taken !== edges) return undefined;
    const trie = new TermTrie();
    trie.letter.set(s.letter);
    trie.starts.set(s.starts);
    trie.letters = letters;
    trie.edges = edges;
    trie.edgeNode = s.edgeNode;
    trie.edgeLetter = s.edgeLetter;
    trie.edgeTo = s.edgeTo;
    trie.kids = s.kids;
    trie.firstLetter = s.firstLetter;
    trie.firstChild = s.firstChild;
    trie.terms.length = nodes;
    trie.terms.fill(undefined);
    for (let i = 0; i < terms.length; i++) trie.terms[terms[i]![0]] = terms[i]![1];
    return trie;
  }

  private pattern: RegExp | undefined;

  /** A global expression matching any character that begins a form; made again after forms are added. */
  private startPattern(): RegExp {
    if (!this.pattern) {
      let chars = '';
      // indexOf runs natively: a few dozen steps, not one per character code.
      for (let c = this.starts.indexOf(1); c >= 0; c = this.starts.indexOf(1, c + 1)) chars += `\\u${c.toString(16).padStart(4, '0')}`;
      // No form at all: an expression that never matches.
      this.pattern = new RegExp(chars ? `[${chars}]` : '[^\\s\\S]', 'g');
    }
    return this.pattern;
  }
}
