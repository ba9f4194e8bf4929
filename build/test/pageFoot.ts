/**
 * Read-back of pagination with real programs: the PDF's outline (qpdf) gives its headings, and pdftotext gives each
 * page's text; a heading must never be the last line of a page, the running footer aside, and neither may a table
 * caption ("Table 2 – …", one or two lines), whose table would then start on the next page.
 */
import { execFileSync } from 'node:child_process';

const normal = (s: string) => s.replace(/\s+/g, ' ').trim();

const CAPTION = /^Table \d+ \u2013 /;

/**
 * Each page (1-based) whose last line of text, before the "Page X of Y" footer, is one of the outline's headings,
 * or whose last or last but one line opens a table caption.
 */
export function headingsAtPageFoot(pdf: string): Array<{ page: number; heading: string }> {
  const outline = (JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdf], { encoding: 'utf8' })) as { outlines: Array<{ title: string }> }).outlines;
  const headings = new Set(outline.map((o) => normal(o.title)));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  const found: Array<{ page: number; heading: string }> = [];
  for (let page = 1; page <= pages; page++) {
    const lines = execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).split('\n').map(normal).filter(Boolean);
    while (lines.length && /Page \d+ of \d+$/.test(lines.at(-1)!)) lines.pop();
    const last = lines.at(-1);
    if (last && headings.has(last)) found.push({ page, heading: last });
    else {
      const caption = lines.slice(-2).find((l) => CAPTION.test(l));
      if (caption) found.push({ page, heading: caption });
    }
  }
  return found;
}

/** The number of headings the outline holds, to show a check had something to check. */
export function outlineSize(pdf: string): number {
  return (JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdf], { encoding: 'utf8' })) as { outlines: unknown[] }).outlines.length;
}
