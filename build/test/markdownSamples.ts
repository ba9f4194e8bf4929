/**
 * Clause-file Markdown generated from the constructs that make it subtle (references, code spans, emphasis,
 * escapes, footnotes, labelled and nested lists, tables, attributes), for tests that hold two readers to the same
 * answers. A seed always gives the same document, so a failure names the seed that reproduces it.
 */

/** mulberry32. */
export function random(seed: number) {
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
  (r: ReturnType<typeof random>, p: () => string) => `- ${r.pick(['- ', '1. ', '> ', '# ', '[^1]: ', '(a) '])}${p()}\n  ${r.pick(['- (i) x\n      ===', '--- | ---', '  # inside', 'plain'])}`,
  (r: ReturnType<typeof random>, p: () => string) => `${r.pick(['A | B\n--- | ---', 'Text\n # indented heading', '[^1]: # note heading', '[^1]: Note\n     # inside'])} ${p()}`,
];

/**
 * A document of two to seven blocks. Even seeds keep to constructs the fast reader is meant to take, so both of its
 * answers are exercised; `phrase` goes on drawing from the same generator.
 */
export function sampleDocument(seed: number): { text: string; phrase: () => string } {
  const r = random(seed);
  const inline = seed % 2 === 0 ? INLINE.slice(0, 22) : INLINE;
  const blocks = seed % 2 === 0 ? BLOCKS.slice(0, 7) : BLOCKS;
  const phrase = () => Array.from({ length: 3 + Math.floor(r.next() * 8) }, () => (r.next() < 0.2 ? r.pick(inline)() : r.pick(WORDS))).join(r.next() < 0.1 ? '\n' : ' ');
  const text = Array.from({ length: 2 + Math.floor(r.next() * 6) }, () => r.pick(blocks)(r, phrase)).join(r.next() < 0.15 ? '\n' : '\n\n') + '\n';
  return { text, phrase };
}

const PLAIN_WORDS = ['the', 'DCC', 'shall', 'Clause 7.2', 'Section 3', 'Party', '[[AL 7.2]]', '[[7.9A-7.9D]]', '[[bad ref]]', '[[open', '`code`', '``a ` b``', '`open', '*em [[AL 1]]*', '**strong Clause 4**', 'a*b*c', '\\*esc\\*', '\\[[AL 1]]', 'x\\|y', '[^1]', '[^2]', '[^none]', '[x]', '(a)', '(b)', '#h', '**', 'Party’s', '{kind=obligation}', '{kind=duty}', '{bad', '{from="AL 1.1" reason="x"}', '\\', '*', 'é', '\\(a)'];
const PLAIN_BLOCKS: Array<(r: ReturnType<typeof random>, p: () => string) => string> = [
  (r, p) => `**${r.pick(['1.1', '7.9A', 'Note', '2A.1.1', '1.1'])}** ${p()}`,
  (r, p) => `**${r.pick(['1.2', '3'])}**${r.pick(['', ' {kind=right}', '{in-force-from=2020-13-01}', ' {kind=obligation} ', ' {in-force-from=2026-01-01 in-force-until=2025-01-01}'])}${r.next() < 0.5 ? ' ' + p() : ''}`,
  (r, p) => `${r.pick(['## 7 Sec', '# 1', '### x', '## 2A Re [[AL 7]]', '##', '## 3 *em* t', '## 7 Dup', '## `4` code', '## 5 [^1] note'])} ${r.next() < 0.5 ? p() : ''}`,
  (_r, p) => `- (a) ${p()}\n- (b) ${p()}\n  - (i) ${p()}\n    - (A) ${p()}\n  - plain ${p()}\n    - (B) deep`,
  (_r, p) => `- ${p()}\n\n- (c) ${p()}`,
  () => '- (a)\n- (b) {kind=x}\n- `(c)` x\n- *(d)* y\n- [^1] z',
  () => '+ (a) x\n+ y',
  (_r, p) => `| A | B |\n|---|:-:|\n| ${p().replace(/\n/g, ' ')} | y |\n| \\| | \`c\` |`,
  (_r, p) => `[^1]: note ${p()}\nmore ${p()}`,
  (_r, p) => `[^2]: other [^1] ${p()}`,
  (_r, p) => `Plain ${p()}\n${p()}`,
  () => '---\ntitle: x\n---',
  () => '- a\n  - b\n    - c\n      - d',
  () => '1. ordered',
  () => '    code',
  () => 'para  \nbreak',
];

/**
 * A clause file of one to seven blocks drawn mostly from the fast reader's subset: sections, clauses with
 * attributes good and bad, orphan text, labelled lists nested in labelled and plain items, tables, footnotes
 * calling footnotes. About one in five is in the subset.
 */
export function samplePlainClauses(seed: number): string {
  const r = random(seed);
  const phrase = () => Array.from({ length: 1 + Math.floor(r.next() * 8) }, () => r.pick(PLAIN_WORDS)).join(r.next() < 0.15 ? '\n' : ' ');
  return Array.from({ length: 1 + Math.floor(r.next() * 7) }, () => r.pick(PLAIN_BLOCKS)(r, phrase)).join(r.next() < 0.2 ? '\n' : '\n\n') + (r.next() < 0.5 ? '\n' : '');
}

const LINE_OPENERS = ['(a) ', '(i) ', '', '- ', '+ ', '* ', '1. ', '2) ', '# ', '## ', '> ', '```', '~~~', '---', '***', '===', '[^1]: ', '[x]: y', '| a |', 'a | b', '--- | ---', '#x ', '**b** ', '`c` ', '1.5 ', '- - ', '    '];
const LINE_WORDS = ['word', 'Party', '[[AL 1]]', '(d)', '-', '+', '#', '>', '1.', '=', '|', '---', '===', '[^1]', '*e*'];

/**
 * A clause, then lines of list items, indented lines and block openers at random depths: the shapes where a line's
 * indentation decides whether Markdown reads it as text or as a block inside an item, a note or a paragraph.
 */
export function sampleLineSoup(seed: number): string {
  const r = random(seed);
  const line = () => r.pick(LINE_OPENERS) + Array.from({ length: Math.floor(r.next() * 4) }, () => r.pick(LINE_WORDS)).join(' ');
  const lines = ['## 1 Scope', '', '**1.1** Rule.', ''];
  for (let k = 0; k < 2 + Math.floor(r.next() * 6); k++) {
    const x = r.next();
    if (x < 0.4) lines.push('  '.repeat(Math.floor(r.next() * 3)) + r.pick(['- ', '+ ']) + line());
    else if (x < 0.9) lines.push(' '.repeat(Math.floor(r.next() * 9)) + line());
    else lines.push('');
  }
  if (r.next() < 0.3) lines.push('', '[^1]: A note.');
  return lines.join('\n') + '\n';
}

const INLINE_ATOMS = ['word', 'Party', '*', '**', '*em*', '**st**', '*a b*', '`', '``', '`c`', '[', ']', '[[', ']]', '[[AL 1]]', '[[AL 1', '\\', '\\*', '\\[', '\\`', '(a)', '.', ',', ')', '(', '?', '!', ':', ';', '"', "'", '’', 'é', '[^1]', '[^2]', '^', '{', '}', '{kind=obligation}', '*x*y', 'x*y*', '**x**y', '1.1', '**1.2**', '(b)*c*'];

/** Clauses, items, table rows and notes made of delimiters, escapes, code spans and references run together. */
export function sampleInlineSoup(seed: number): string {
  const r = random(seed);
  const phrase = () => Array.from({ length: 1 + Math.floor(r.next() * 8) }, () => r.pick(INLINE_ATOMS)).join(r.pick([' ', ' ', ' ', '', '\n']));
  const lines = ['## 1 Scope', ''];
  for (let k = 0; k < 1 + Math.floor(r.next() * 4); k++) {
    const x = r.next();
    if (x < 0.3) lines.push(`**1.${k + 1}** ${phrase()}`, '');
    else if (x < 0.6) lines.push(`- ${phrase().replace(/\n/g, '\n  ')}`, '');
    else if (x < 0.8) lines.push(`| ${phrase().replace(/\n/g, ' ')} | x |\n|---|---|\n| ${phrase().replace(/\n/g, ' ')} | y |`, '');
    else lines.push(phrase(), '');
  }
  if (r.next() < 0.4) lines.push('[^1]: ' + phrase().replace(/\n/g, ' '));
  return lines.join('\n') + '\n';
}

/** Tables, headings, bold openings, lists, notes and front matter in the shapes where a space or a pipe decides. */
export function sampleBlockSoup(seed: number): string {
  const r = random(seed);
  const w = () => r.pick(['x', 'Party [[AL 1]]', '(a) y', '`c|d`', 'a\\|b', '*e*', '[^1]', 'Clause 3', '']);
  const cells = (n: number) => Array.from({ length: n }, w);
  const blocks = [
    () => `| ${cells(2).join(' | ')} |\n|${r.pick(['---|---', ':-:|--:', '---|', '--|--|--', ' - | - ', '---|---|'])}|\n| ${cells(r.pick([1, 2, 3])).join(' | ')} |${r.pick(['', ' ', '\n| x | y |', '\nlazy row', '\n\n| a | b |'])}`,
    () => `${r.pick(['|', ''])} ${cells(2).join(' | ')} ${r.pick(['|', ''])}\n${r.pick(['|---|---|', '---|---', '| --- | --- |'])}`,
    () => `${r.pick(['#', '##', '######', '#######', ' ##'])}${r.pick([' ', '  ', ''])}${r.pick(['7 Title', '7', '', '7 Title #', '7 Title ##  ', '\\#', '7 `code` x', '7 *e* x'])}${r.pick(['', ' ', '  '])}`,
    () => `**${r.pick(['1.1', '2A', 'Term'])}**${r.pick([' x', '', '  x', ' {kind=right}', '** x', ': x'])}${r.pick(['', '  ', ' '])}${r.pick(['', '\nnext line', '\n  indented next', '\n\\', '  \nhard'])}`,
    () => `${r.pick(['-', '+'])} ${w()}\n${r.pick(['', ' ', '  ', '   ', '    '])}${r.pick(['-', '+', '*', ''])} ${w()}${r.pick(['', '\n\n  para after blank', '\n\n- sib', '\n\n\n- sib', '\n  \n- sib'])}`,
    () => `[^${r.pick(['1', '2', 'a b', 'x'])}]:${r.pick([' ', '  ', ''])}${w()}${r.pick(['', '\nmore', '\n    indented more', '\n\n    second para', '\n[^2]: next'])}`,
    () => `---\n${r.pick(['a: b', '', 'x'])}\n${r.pick(['---', '...', '--- '])}`,
    () => r.pick(['   ', ' ', '\u00a0', 'text\u00a0', 'x  ', '&', 'a & b', '&amp', '&#;']),
  ];
  const head = r.next() < 0.3 ? '' : '## 1 Scope\n\n**1.1** Rule.\n\n';
  return head + Array.from({ length: 1 + Math.floor(r.next() * 5) }, () => r.pick(blocks)()).join(r.pick(['\n\n', '\n', '\n\n\n'])) + r.pick(['\n', '', '\n\n']);
}
