/**
 * Anchor names: Word bookmarks and PDF named destinations share them, so they obey Word's rules — a letter first,
 * then letters, digits and underscores, at most 40 characters. Every anchor starts with the document code, so
 * anchors of different documents never collide, and a link into another document's file names the same anchor.
 */

const MAX = 40;

/** FNV-1a, base 36: a short stable tag for names that would be too long. */
function tag(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

function fit(name: string, source: string): string {
  if (name.length <= MAX) return name;
  const t = tag(source);
  return `${name.slice(0, MAX - t.length - 1)}_${t}`;
}

/**
 * `AL 7.9A` → `AL_7_9A`; `AL 4.12(b)(ii)` → `AL_4_12__b__ii`. A label gets a double underscore so that
 * `4.1(2)` and `4.1.2` stay apart.
 */
export function provisionAnchor(doc: string, local: string): string {
  const body = local.replace(/\(([^)]*)\)/g, '__$1').replace(/\./g, '_').replace(/[^A-Za-z0-9_]/g, '');
  return fit(`${doc}_${body}`, `${doc} ${local}`);
}

export function definitionAnchor(doc: string, term: string): string {
  const body = term.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return fit(`${doc}_def_${body}`, `${doc}\0${term}`);
}

/** The start of a document: what a whole-document reference from another document links to. */
export function documentAnchor(doc: string): string {
  return fit(`${doc}_start`, doc);
}

export function definitionsAnchor(doc: string): string {
  return fit(`${doc}_definitions`, doc);
}

export function headingAnchor(doc: string, n: number): string {
  return fit(`${doc}_heading_${n}`, `${doc}#${n}`);
}
