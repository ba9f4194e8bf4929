/**
 * The contents list as Word writes one: a TOC field inside a "Table of Contents" content control, its cached result
 * one paragraph per entry, each a hyperlink to the heading's bookmark with a dot-leader tab and the page number.
 * In a redline the cached result is tracked like the text: an entry only one side has is an insertion or a
 * deletion (runs and paragraph mark), and a page number that differs is the baseline's deleted beside the new
 * version's inserted, so Accept All leaves the new version's contents and Reject All the baseline's.
 */
import { ImportedXmlComponent } from 'docx';
import type { ContentsEntry } from '../../model/document.js';
import { escapeXml } from './xmlText.js';

export interface RevisionStamp {
  id: number;
  author: string;
  date: string;
}

export interface ContentsOptions {
  /** Anchor → page, as laid out for the new version and for the baseline (empty in a clean build). */
  next: ReadonlyMap<string, number>;
  base: ReadonlyMap<string, number>;
  /** Right tab stop of the page number, twips from the left margin. */
  tabStop: number;
  /** Redlines: a fresh revision id with the redline's author and date for each tracked element. */
  revision?: () => RevisionStamp;
}

type Track = 'ins' | 'del' | undefined;

export function contentsXml(entries: readonly ContentsEntry[], options: ContentsOptions): string {
  const stamp = (tag: 'ins' | 'del') => {
    const r = options.revision!();
    return `<w:${tag} w:id="${r.id}" w:author="${escapeXml(r.author)}" w:date="${escapeXml(r.date)}"`;
  };
  const run = (inner: (deleted: boolean) => string, track: Track) => {
    const r = (deleted: boolean) => `<w:r><w:rPr><w:rStyle w:val="IndexLink"/></w:rPr>${inner(deleted)}</w:r>`;
    if (!track || !options.revision) return r(false);
    return `${stamp(track)}>${r(track === 'del')}</w:${track}>`;
  };
  const text = (t: string) => (deleted: boolean) => `<w:${deleted ? 'delText' : 't'} xml:space="preserve">${escapeXml(t)}</w:${deleted ? 'delText' : 't'}>`;
  const last = entries.length - 1;
  // The field ends in the last entry, unless that entry is tracked: then in a paragraph of its own that both sides keep.
  const endApart = Boolean(entries[last]?.change && options.revision);
  // Word rebuilds the list from the heading styles: as many levels as the cached entries show.
  const depth = Math.max(1, ...entries.map((e) => e.level));
  const begin = `<w:r><w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve">TOC \\h \\o &quot;1-${depth}&quot;</w:instrText><w:fldChar w:fldCharType="separate"/></w:r>`;
  const end = `<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
  const pPr = (level: number, track: Track) =>
    `<w:pPr><w:pStyle w:val="TOC${level}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${options.tabStop}"/></w:tabs>${track && options.revision ? `<w:rPr>${stamp(track)}/></w:rPr>` : ''}</w:pPr>`;
  const paragraphs = entries.map((entry, i) => {
    const track: Track = entry.change ? (entry.change.kind === 'deleted' || entry.change.kind === 'movedFrom' ? 'del' : 'ins') : undefined;
    const title = entry.number ? `${entry.number} ${entry.title}` : entry.title;
    const [was, now] = [options.base.get(entry.anchor), options.next.get(entry.anchor)];
    let page: string;
    if (track === 'del') page = was === undefined ? '' : run(text(String(was)), 'del');
    else if (track === 'ins') page = now === undefined ? '' : run(text(String(now)), 'ins');
    else if (options.revision && was !== undefined && was !== now) page = run(text(String(was)), 'del') + (now === undefined ? '' : run(text(String(now)), 'ins'));
    else page = now === undefined ? '' : run(text(String(now)), undefined);
    const link = `<w:hyperlink w:anchor="${escapeXml(entry.anchor)}" w:history="1">${run((d) => `${text(title)(d)}<w:tab/>`, track)}${page}</w:hyperlink>`;
    return `<w:p>${pPr(entry.level, track)}${i === 0 ? begin : ''}${link}${i === last && !endApart ? end : ''}</w:p>`;
  });
  if (endApart) paragraphs.push(`<w:p>${pPr(1, undefined)}${end}</w:p>`);
  return (
    `<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>` +
    `<w:sdtContent>${paragraphs.join('')}</w:sdtContent></w:sdt>`
  );
}

/** The contents as a component the `docx` package places among the section's children. */
export function contentsField(entries: readonly ContentsEntry[], options: ContentsOptions): ImportedXmlComponent {
  return ImportedXmlComponent.fromXmlString(contentsXml(entries, options));
}
