/**
 * Runs of plain formatted text written straight to XML, as the `docx` package writes them, byte for byte: most of a
 * document's runs are this simple, and building the package's objects for each (a run, its properties, its text,
 * each an object that is then turned into another object and only then into text) was most of the cost of a DOCX.
 * The runs stand in the document as a placeholder element until the package has written its XML
 * (see `fillRawRuns`). Anything else — footnote marks, code, links to other files or the web, tracked changes —
 * is left to the package.
 */
import { bookmarkUniqueNumericId, XmlComponent } from 'docx';
import type { Inline, LinkTarget } from '../../model/document.js';

/** Run formatting a plain run may carry. */
export interface PlainFormat {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  style?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** The `docx` package's escaping of text and attribute values alike (control characters XML cannot hold dropped). */
export function escapeAsDocx(value: string): string {
  return value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');
}

/** Can these inlines be written as plain runs? `linkable(target)`: is the target a link within this file (or no link)? */
export function plainInlines(inlines: readonly Inline[], linkable: (target: LinkTarget | undefined) => boolean): boolean {
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text':
      case 'break':
        break;
      case 'strong':
      case 'emphasis':
      case 'delete':
        if (!plainInlines(inline.children, linkable)) return false;
        break;
      case 'reference':
        if (!linkable(inline.target)) return false;
        break;
      case 'link':
        if (!linkable(inline.target) || !plainInlines(inline.children, linkable)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function properties(format: PlainFormat): string {
  const parts = `${format.style ? `<w:rStyle w:val="${escapeAsDocx(format.style)}"/>` : ''}${format.bold ? '<w:b/><w:bCs/>' : ''}${format.italics ? '<w:i/><w:iCs/>' : ''}${format.strike ? '<w:strike/>' : ''}`;
  return parts ? `<w:rPr>${parts}</w:rPr>` : '';
}

/** A text run, as `new TextRun({ text, ...format })` writes it. */
export function textRunXml(text: string, format: PlainFormat): string {
  return `<w:r>${properties(format)}<w:t xml:space="preserve">${escapeAsDocx(text)}</w:t></w:r>`;
}

/** Inlines that `plainInlines` accepts, as runs; a link within the file as `InternalHyperlink` writes it. */
export function plainRunsXml(inlines: readonly Inline[], format: PlainFormat = {}): string {
  let out = '';
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text':
        out += textRunXml(inline.text, format);
        break;
      case 'break':
        // As `new TextRun({ break: 1 })`: the break carries no formatting.
        out += '<w:r><w:br/></w:r>';
        break;
      case 'strong':
        out += plainRunsXml(inline.children, { ...format, bold: true });
        break;
      case 'emphasis':
        out += plainRunsXml(inline.children, { ...format, italics: true });
        break;
      case 'delete':
        out += plainRunsXml(inline.children, { ...format, strike: true });
        break;
      case 'reference':
        out += within(inline.target, textRunXml(inline.text, { ...format, style: 'CrossReference' }));
        break;
      case 'link':
        out += within(inline.target, plainRunsXml(inline.children, { ...format, style: 'Hyperlink' }));
        break;
      default:
        throw new Error(`plainRunsXml: ${inline.kind} is not a plain inline`);
    }
  }
  return out;
}

function within(target: LinkTarget | undefined, runs: string): string {
  if (target?.kind !== 'internal') return runs;
  const open = `<w:hyperlink w:history="1" w:anchor="${escapeAsDocx(target.anchor)}"`;
  return runs ? `${open}>${runs}</w:hyperlink>` : `${open}/>`;
}

/** A run holding a tab, as `new TextRun({ children: [new Tab()] })` writes it. */
export const TAB_RUN = '<w:r><w:tab/></w:r>';

/**
 * A bookmark around runs, as `new Bookmark({ id, children })` writes it; its number comes from the package's own
 * counter, so it never meets one the package gave out (the numbers are made document order afterwards).
 */
export function bookmarkXml(name: string, runs: string): string {
  const id = bookmarkUniqueNumericId();
  return `<w:bookmarkStart w:name="${escapeAsDocx(name)}" w:id="${id}"/>${runs}<w:bookmarkEnd w:id="${id}"/>`;
}

/** The paragraph properties a paragraph written as XML may have. */
export interface PlainParagraph {
  style: string;
  keepNext?: boolean;
  keepLines?: boolean;
}

/** A paragraph of the body, as `new Paragraph({ style, keepNext, keepLines, children })` writes it. */
export function paragraphXml(p: PlainParagraph, runs: string): string {
  return `<w:p><w:pPr><w:pStyle w:val="${escapeAsDocx(p.style)}"/>${p.keepNext ? '<w:keepNext/>' : ''}${p.keepLines ? '<w:keepLines/>' : ''}</w:pPr>${runs}</w:p>`;
}

const PLACEHOLDER = 'regmark-runs-';

/** Where XML written directly goes: an empty element naming it, replaced by `fillRawRuns` once the package has written its own. */
export class RawRuns extends XmlComponent {
  constructor(index: number) {
    super(`${PLACEHOLDER}${index}`);
  }
}

/** A part's XML with each placeholder replaced by its runs. */
export function fillRawRuns(xml: string, runs: readonly string[]): string {
  if (!xml.includes(`<${PLACEHOLDER}`)) return xml;
  return xml.replace(new RegExp(`<${PLACEHOLDER}(\\d+)/>`, 'g'), (_, i: string) => runs[Number(i)]!);
}
