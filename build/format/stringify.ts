/**
 * Writes a regmark tree (as parseSource returns it) back to Markdown: remark-stringify with the GFM
 * table/footnote/strikethrough writers, front matter, directives for consultations, and regmark's handlers.
 */
import { unified, type Processor } from 'unified';
import remarkStringify from 'remark-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteToMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { defaultHandlers, type Options, type Unsafe } from 'mdast-util-to-markdown';
import type { Root } from 'mdast';
import { regmarkToMarkdown } from './handlers.js';

/** The house style: ATX headings, `-` bullets with one space, `*` emphasis, `***` rules (`---` at the top of a file would read as front matter), aligned tables. */
export const STRINGIFY_OPTIONS: Options = {
  bullet: '-',
  bulletOther: '*',
  bulletOrdered: '.',
  listItemIndent: 'one',
  emphasis: '*',
  strong: '*',
  fence: '`',
  rule: '*',
  setext: false,
  closeAtx: false,
  incrementListMarker: true,
  tightDefinitions: false,
  resourceLink: true,
};

function regmarkGfmToMarkdown(this: Processor) {
  const data = this.data();
  (data.toMarkdownExtensions ??= []).push(
    gfmTableToMarkdown({ tablePipeAlign: true, tableCellPadding: true }),
    gfmFootnoteToMarkdown(),
    gfmStrikethroughToMarkdown(),
    regmarkToMarkdown(),
  );
}

/**
 * "Lenient" escaping: mdast-util-to-markdown escapes every `[` and every `&` before a letter, which turns an
 * author's `[Not used]` into `\[Not used]`. These patterns escape them only where a link, footnote call,
 * reference or character reference could form. The caller verifies the result reads back to the same tree
 * and falls back to the strict escaping when it does not.
 */
/** The pattern without its phrasing scope when it escapes `[` or `&` in running text; undefined when nothing is left. */
function withoutPhrasing(u: Unsafe): Unsafe | undefined {
  if ((u.character !== '[' && u.character !== '&') || u.atBreak) return u;
  const scopes = u.inConstruct === undefined ? [] : Array.isArray(u.inConstruct) ? u.inConstruct : [u.inConstruct];
  if (!scopes.includes('phrasing')) return u;
  const rest = scopes.filter((c): c is NonNullable<typeof c> => c !== 'phrasing' && c !== null);
  return rest.length ? { ...u, inConstruct: rest } : undefined;
}
const LENIENT_ADDS: Unsafe[] = [
  { character: '[', after: '(?:\\^|\\[|[^\\]]*\\][(\\[:])', inConstruct: 'phrasing', notInConstruct: ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe'] },
  { character: '&', after: '(?:#[0-9]+;|#[xX][0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)', inConstruct: 'phrasing' },
];

function lenientEscapes(this: Processor) {
  const data = this.data();
  (data.toMarkdownExtensions ??= []).push({
    handlers: {
      root(node, parent, state, info) {
        state.unsafe = state.unsafe.map(withoutPhrasing).filter((u): u is Unsafe => u !== undefined).concat(LENIENT_ADDS);
        return defaultHandlers.root(node, parent, state, info);
      },
    },
  });
}

function processor(directives: boolean, lenient: boolean) {
  let p = unified().use(remarkStringify, STRINGIFY_OPTIONS).use(remarkFrontmatter, ['yaml']).use(regmarkGfmToMarkdown);
  if (directives) p = p.use(remarkDirective);
  if (lenient) p = p.use(lenientEscapes);
  return p.freeze();
}

const processors = new Map<string, ReturnType<typeof processor>>();

export function stringifyTree(tree: Root, options: { directives?: boolean; lenient?: boolean } = {}): string {
  const key = `${Boolean(options.directives)}/${Boolean(options.lenient)}`;
  let p = processors.get(key);
  if (!p) processors.set(key, (p = processor(Boolean(options.directives), Boolean(options.lenient))));
  return p.stringify(tree);
}
