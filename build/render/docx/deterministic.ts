/**
 * Same model → same DOCX bytes. The `docx` package stamps core.xml with the clock, gives hyperlink relationships
 * random ids, and numbers bookmarks from process-wide counters; this rewrites each of those from the build's source
 * date and a counter, and zips the parts once, deterministically.
 *
 * The parts come straight from the docx compiler, not from a zip it made: zipping everything and reading it back
 * cost more than building the XML. A part this leaves as the compiler wrote it is deflated as the docx package's
 * zip deflates it (fflate, default level), any other as our own zip writer does, so the bytes are those a
 * Packer-made zip rewritten here has always had.
 */
import { deflateSync } from 'fflate';
import { crc32, writeZip, type ZipEntry } from '../output/zip.js';
import { escapeXml } from './xmlText.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What docProps/app.xml says about the file: docx leaves it empty, Word and LibreOffice show these in File › Properties. */
export interface AppProperties {
  application: string;
  company: string;
}

/** One part of the package as the docx compiler gives it: XML as text, anything else as bytes. */
export interface DocxPart {
  name: string;
  data: string | Uint8Array;
}

/** Extended properties with nothing taken from the clock or the machine, so the bytes stay the same. */
function appXml(app: AppProperties): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<TotalTime>0</TotalTime><Application>${escapeXml(app.application)}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
    `<Company>${escapeXml(app.company)}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>` +
    `</Properties>`
  );
}

/** The package's parts, in the compiler's order, made deterministic and zipped. */
export function deterministicDocx(parts: readonly DocxPart[], date: Date, app?: AppProperties): Uint8Array {
  const texts = new Map<string, string>();
  for (const p of parts) if (/\.(xml|rels)$/.test(p.name)) texts.set(p.name, typeof p.data === 'string' ? p.data : decoder.decode(p.data));

  // Relationship ids that are not the package's own rId<number> were drawn at random: number them in order.
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  for (const [name, text] of texts) {
    if (!name.endsWith('.rels')) continue;
    for (const m of text.matchAll(/\bId="([^"]+)"/g)) taken.add(m[1]!);
  }
  let counter = 0;
  for (const [name, text] of texts) {
    if (!name.endsWith('.rels')) continue;
    for (const m of text.matchAll(/\bId="([^"]+)"/g)) {
      const id = m[1]!;
      if (/^rId\d+$/.test(id) || renamed.has(id)) continue;
      let next: string;
      do next = `rIdR${++counter}`;
      while (taken.has(next));
      renamed.set(id, next);
    }
  }
  // Bookmark ids and Word's _Toc bookmark names come from process-wide counters: number them from the document.
  const bookmarkIds = new Map<string, string>();
  const tocNames = new Map<string, string>();
  for (const [name, text] of texts) {
    if (!name.endsWith('.xml')) continue;
    for (const m of text.matchAll(/<w:bookmarkStart\b[^>]*?\bw:id="(\d+)"/g)) if (!bookmarkIds.has(m[1]!)) bookmarkIds.set(m[1]!, String(bookmarkIds.size + 1));
    for (const m of text.matchAll(/_Toc(\d+)/g)) if (!tocNames.has(m[1]!)) tocNames.set(m[1]!, String(tocNames.size + 1));
  }
  const stamp = isoSeconds(date);
  const out: ZipEntry[] = parts.map((part) => {
    const original = texts.get(part.name);
    const bytes = () => (typeof part.data === 'string' ? encoder.encode(part.data) : part.data);
    // A part left as written is deflated as the docx package's own zip deflates it.
    const asWritten = (): ZipEntry => {
      const data = bytes();
      return { name: part.name, data, stored: { method: 8, bytes: deflateSync(data), crc: crc32(data) } };
    };
    if (original === undefined) return asWritten();
    let text = original;
    if (renamed.size) text = text.replace(/"([^"]+)"/g, (whole, value: string) => (renamed.has(value) ? `"${renamed.get(value)}"` : whole));
    if (part.name.endsWith('.xml')) {
      text = text
        .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (whole, head: string, id: string) => (bookmarkIds.has(id) ? `${head}${bookmarkIds.get(id)}"` : whole))
        .replace(/_Toc(\d+)/g, (whole, n: string) => (tocNames.has(n) ? `_Toc${tocNames.get(n)}` : whole));
    }
    if (part.name === 'docProps/app.xml' && app) text = appXml(app);
    if (part.name === 'docProps/core.xml') {
      text = text
        .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    }
    if (text === original) return asWritten();
    return { name: part.name, data: encoder.encode(text) };
  });
  // Conventional order: the content types first, then the package relationships, then the parts as docx wrote them.
  const rank = (name: string) => (name === '[Content_Types].xml' ? 0 : name === '_rels/.rels' ? 1 : 2);
  const ordered = out.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.name) - rank(b.e.name) || a.i - b.i).map((x) => x.e);
  return writeZip(ordered, date);
}
