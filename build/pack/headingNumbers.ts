/**
 * A consultation paper's headings numbered as DCC numbers them: sections 1, 2, 3 …, their headings 2.1, 2.2, and
 * the headings under those 2.2.1, 2.2.2; "Question One" blocks keep their own names. The contents list then shows
 * the three levels. Numbers are given after the body is built, so the paper's reader and its directives need not
 * know about them.
 */
import type { Block, ContentsEntry, Inline } from '../model/document.js';

/** A question heading is named, not numbered: the paper model gives it an anchor of its own kind. */
const isQuestion = (anchor: string) => /_q\d+$/.test(anchor);

const plain = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.kind === 'text' || i.kind === 'code' ? i.text : i.kind === 'reference' ? i.text : i.kind === 'break' ? ' ' : 'children' in i ? plain(i.children) : '')).join('');

/** Numbers the sections and headings of `body` in place and returns the three-level contents list. */
export function numberHeadings(body: Block[]): ContentsEntry[] {
  const contents: ContentsEntry[] = [];
  let n = 0;
  for (const block of body) {
    if (block.kind !== 'section') continue;
    block.number = String(++n);
    contents.push({ level: 1, number: block.number, title: block.titleText, anchor: block.anchor });
    let second = 0;
    let third = 0;
    for (const child of block.children) {
      if (child.kind !== 'heading' || isQuestion(child.anchor)) continue;
      // A third-level heading with no second-level one above it in its section is numbered as a second-level one.
      const level = child.level === 3 && second > 0 ? 3 : 2;
      const number = level === 2 ? `${block.number}.${++second}` : `${block.number}.${second}.${++third}`;
      if (level === 2) third = 0;
      const title = plain(child.content).trim();
      child.content = [{ kind: 'text', text: `${number} ` }, ...child.content];
      contents.push({ level, number, title, anchor: child.anchor });
    }
  }
  return contents;
}
