/**
 * The canonical spelling of regmark's own syntax: reference bodies, attribute blocks and front-matter key
 * order. `fmt` writes these; `retain` writes its new text with them, so a retained copy is already fmt-clean.
 */
import type { ReferenceTarget } from '../model/ids.js';

/** Attribute order inside `{…}` after a clause number: provenance first, then meaning, then time. */
export const CLAUSE_ATTRIBUTE_ORDER = ['from', 'kind', 'in-force-from', 'in-force-until'] as const;
/** Attribute order after a defined term: forms first, then provenance. */
export const DEFINITION_ATTRIBUTE_ORDER = ['plural', 'also', 'from'] as const;

/** Attributes written bare (`kind=obligation`): enumerated keywords. Every other value is quoted. */
const BARE_ATTRIBUTES = new Set(['kind']);
const BARE_VALUE = /^[A-Za-z][A-Za-z0-9-]*$/;

/** `from="AL 7.9A" kind=obligation`: known names in `order`, then any others alphabetically. */
export function formatAttributes(attributes: Record<string, string>, order: readonly string[]): string {
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  const names = Object.keys(attributes).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return names
    .map((name) => {
      const value = attributes[name]!;
      if (BARE_ATTRIBUTES.has(name) && BARE_VALUE.test(value)) return `${name}=${value}`;
      return `${name}="${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
    })
    .join(' ');
}

/** The `{…}` block with its leading space, or '' when there are no attributes. */
export function attributeBlock(attributes: Record<string, string>, order: readonly string[]): string {
  const inner = formatAttributes(attributes, order);
  return inner ? ` {${inner}}` : '';
}

/**
 * The target part of a reference body: `AL 7.9A-7.9D`, `7.2`, `AL`. One space after the document code,
 * a plain hyphen between range ends, no other white space.
 */
export function formatTarget(target: ReferenceTarget): string {
  let out = target.doc ?? '';
  if (target.start !== undefined) out += (out ? ' ' : '') + target.start;
  if (target.end !== undefined) out += '-' + target.end;
  return out;
}

/** The whole body between `[[` and `]]`, with custom text after `|` (unescaped; callers escape for context). */
export function formatReferenceBody(target: ReferenceTarget): string {
  return formatTarget(target) + (target.text !== undefined ? '|' + target.text : '');
}

/** Front-matter key order of a document manifest (consultation keys in FORMAT.md's order); unknown keys follow as written. */
export const MANIFEST_KEY_ORDER = [
  'kind',
  'id',
  'title',
  'subtitle',
  'short-title',
  'reference',
  'version',
  'status',
  'date',
  'closes',
  'author',
  'respond-to',
  'baseline',
  'annexes',
  'in-force',
  'sections',
  'description',
];
export const IN_FORCE_KEY_ORDER = ['from', 'until'];
export const DEFINITIONS_KEY_ORDER = ['document', 'title'];

/** Sorts keys by `order`; keys not in it keep their relative order after the known ones. */
export function orderKeys<T>(items: T[], keyOf: (item: T) => string | undefined, order: readonly string[]): T[] {
  const rank = (item: T) => {
    const key = keyOf(item);
    const i = key === undefined ? -1 : order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map((x) => x.item);
}

/** Compares clause numbers component by component, digits numerically: 3.14 < 3.14E < 3.15 < 3.100. */
export function compareClauseNumbers(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const mx = /^(\d+)(.*)$/.exec(x)!;
    const my = /^(\d+)(.*)$/.exec(y)!;
    const d = Number(mx?.[1] ?? 0) - Number(my?.[1] ?? 0);
    if (d) return d;
    const sx = mx?.[2] ?? x;
    const sy = my?.[2] ?? y;
    if (sx !== sy) {
      // Shorter suffix first (`E` before `AA`), then alphabetical, case-insensitively first.
      if (sx.length !== sy.length) return sx.length - sy.length;
      const c = sx.toLowerCase().localeCompare(sy.toLowerCase());
      return c || (sx < sy ? -1 : 1);
    }
  }
  return 0;
}
