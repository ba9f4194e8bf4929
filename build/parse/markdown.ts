/**
 * The one unified pipeline that reads every source file: CommonMark + front matter + the GFM parts the
 * format names (tables, footnotes; strikethrough for authors' convenience) + leaf directives in consultations.
 *
 * Two readers stand in for it where speed needs them, both giving its trees exactly (tests compare records on
 * every file and after random edits): `fastBlocks.ts` reads clause files in the plain subset for a cold check,
 * and `chunkedParse.ts` re-reads only the edited blocks of a file for `check --watch` and the editor. Everything
 * else, and anything those two decline, goes through `parseMarkdown`.
 * GFM autolink literals are left out: regulatory text cites URLs in footnotes as plain text, and that
 * extension alone costs a third of the parse time on large corpora.
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import type { Root } from 'mdast';

function regmarkGfm(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown());
}

const plain = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(regmarkGfm).freeze();
const withDirectives = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(regmarkGfm).use(remarkDirective).freeze();

export function parseMarkdown(text: string, options: { directives?: boolean } = {}): Root {
  return (options.directives ? withDirectives : plain).parse(text);
}
