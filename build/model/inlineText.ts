import type { Inline } from './document.js';

/** Plain text of inlines as a reader sees it: a line break reads as a space, footnote marks are not text. */
export function inlineText(inlines: readonly Inline[]): string {
  let out = '';
  for (const i of inlines) {
    if (i.kind === 'text' || i.kind === 'code' || i.kind === 'reference') out += i.text;
    else if (i.kind === 'break') out += ' ';
    else if (i.kind === 'footnoteRef') continue;
    else out += inlineText(i.children);
  }
  return out;
}
