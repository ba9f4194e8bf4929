/**
 * House style: the theme file (templates/theme.json) read over the built-in defaults. Every key is checked: an
 * unknown key or a value of the wrong kind is an error, so a typo in the theme never passes silently.
 */
import { InputError } from '../diagnostics/catalogue.js';

export interface Theme {
  /** Written as the author of every output file. */
  organisation: string;
  page: { size: 'A4' | 'Letter'; marginTop: number; marginBottom: number; marginLeft: number; marginRight: number };
  fonts: { docx: string; pdf: PdfFontFamily };
  sizes: { body: number; small: number; table: number; footnote: number; heading1: number; heading2: number; heading3: number; title: number };
  colours: { text: string; heading: string; accent: string; link: string; muted: string; tableHeader: string; tableBorder: string; inserted: string; deleted: string };
  indents: { clauseNumber: number; subParagraph: number };
  spacing: { paragraphAfter: number; lineHeight: number };
  labels: {
    contents: string;
    definitions: string;
    reference: string;
    version: string;
    status: string;
    asAt: string;
    inForce: string;
    inForceFrom: string;
    inForceUntil: string;
    page: string;
    statuses: Record<string, string>;
  };
  references: {
    clause: string;
    clauses: string;
    section: string;
    sections: string;
    range: string;
    article: string;
    noArticleBefore: string[];
    qualifySameDocument: boolean;
  };
  definitions: { placement: 'section' | 'end'; sectionTitles: string[] };
  templates: { cover: string; notices: Record<string, string> };
}

export const PDF_FONT_FAMILIES = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Condensed', 'DejaVu Serif Condensed'] as const;
export type PdfFontFamily = (typeof PDF_FONT_FAMILIES)[number];

export const DEFAULT_THEME: Theme = {
  organisation: 'Smart Energy Code Company',
  page: { size: 'A4', marginTop: 25, marginBottom: 22, marginLeft: 25, marginRight: 22 },
  fonts: { docx: 'Arial', pdf: 'DejaVu Sans' },
  sizes: { body: 10, small: 8, table: 9, footnote: 8, heading1: 14, heading2: 11.5, heading3: 10, title: 24 },
  colours: { text: '1A1A1A', heading: '12355B', accent: '12355B', link: '0B5394', muted: '5A6472', tableHeader: 'DCE4EE', tableBorder: '8C99A8', inserted: '1D6B2F', deleted: 'B3261E' },
  indents: { clauseNumber: 16, subParagraph: 10 },
  spacing: { paragraphAfter: 6, lineHeight: 1.3 },
  labels: {
    contents: 'Contents',
    definitions: 'Definitions',
    reference: 'Reference',
    version: 'Version',
    status: 'Status',
    asAt: 'As at',
    inForce: 'In force',
    inForceFrom: 'from',
    inForceUntil: 'until',
    page: 'Page {page} of {pages}',
    statuses: { draft: 'Draft', consultation: 'Consultation draft', designated: 'Designated' },
  },
  references: {
    clause: 'Clause',
    clauses: 'Clauses',
    section: 'Section',
    sections: 'Sections',
    range: 'to',
    article: 'the',
    noArticleBefore: ['Section', 'Appendix', 'Schedule', 'Annex'],
    qualifySameDocument: true,
  },
  definitions: { placement: 'section', sectionTitles: ['Definitions', 'Defined Terms', 'Definitions and Interpretation'] },
  templates: { cover: 'cover.md', notices: { consultation: 'notice-consultation.md', draft: 'notice-draft.md' } },
};

/** Keys whose value is a free map of strings (any key allowed, every value a string). */
const OPEN_MAPS = new Set(['labels.statuses', 'templates.notices']);

type Rule = (value: unknown) => string | undefined;

const positive = (max: number): Rule => (v) => (typeof v === 'number' && v > 0 && v <= max ? undefined : `expected a number above 0 and at most ${max}`);
const colour: Rule = (v) => (typeof v === 'string' && /^[0-9A-Fa-f]{6}$/.test(v) ? undefined : 'expected a colour as six hex digits, e.g. "12355B"');
const oneOf = (values: readonly string[]): Rule => (v) => (typeof v === 'string' && values.includes(v) ? undefined : `expected one of ${values.map((x) => `"${x}"`).join(', ')}`);
const nonEmpty: Rule = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'expected a non-empty string');
const fileName: Rule = (v) => (typeof v === 'string' && /^[^/\\]+\.md$/.test(v) ? undefined : 'expected the name of a Markdown file in templates/, e.g. "cover.md"');

/** Extra rules beyond "same kind as the default". */
const RULES: Record<string, Rule> = {
  'page.size': oneOf(['A4', 'Letter']),
  'page.marginTop': positive(80),
  'page.marginBottom': positive(80),
  'page.marginLeft': positive(80),
  'page.marginRight': positive(80),
  'fonts.docx': nonEmpty,
  'fonts.pdf': oneOf(PDF_FONT_FAMILIES),
  'indents.clauseNumber': positive(60),
  'indents.subParagraph': positive(60),
  'spacing.paragraphAfter': (v) => (typeof v === 'number' && v >= 0 && v <= 48 ? undefined : 'expected points from 0 to 48'),
  'spacing.lineHeight': (v) => (typeof v === 'number' && v >= 1 && v <= 3 ? undefined : 'expected a multiple of the font size from 1 to 3'),
  'labels.page': (v) => (typeof v === 'string' && v.includes('{page}') && v.includes('{pages}') ? undefined : 'expected text with {page} and {pages}, e.g. "Page {page} of {pages}"'),
  'definitions.placement': oneOf(['section', 'end']),
  'templates.cover': fileName,
};
for (const key of Object.keys(DEFAULT_THEME.sizes)) RULES[`sizes.${key}`] = positive(96);
for (const key of Object.keys(DEFAULT_THEME.colours)) RULES[`colours.${key}`] = colour;

export class ThemeError extends InputError {}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** Merges `input` over `defaults`, checking every key on the way. Throws ThemeError with the first problem. */
function merge(defaults: unknown, input: unknown, path: string, where: string): unknown {
  const expected = kindOf(defaults);
  const actual = kindOf(input);
  if (OPEN_MAPS.has(path)) {
    if (actual !== 'object') throw new ThemeError(`${where}: \`${path}\` must be an object of strings`);
    const out: Record<string, string> = { ...(defaults as Record<string, string>) };
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      if (typeof v !== 'string') throw new ThemeError(`${where}: \`${path}.${k}\` must be a string`);
      const problem = path === 'templates.notices' ? fileName(v) : undefined;
      if (problem) throw new ThemeError(`${where}: \`${path}.${k}\`: ${problem}`);
      out[k] = v;
    }
    return out;
  }
  if (expected === 'object') {
    if (actual !== 'object') throw new ThemeError(`${where}: \`${path || '(top level)'}\` must be an object, not ${actual}`);
    const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    const known = Object.keys(defaults as object);
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      const sub = path ? `${path}.${k}` : k;
      if (!known.includes(k)) throw new ThemeError(`${where}: unknown key \`${sub}\` (known${path ? ` in \`${path}\`` : ''}: ${known.join(', ')})`);
      out[k] = merge((defaults as Record<string, unknown>)[k], v, sub, where);
    }
    return out;
  }
  if (expected === 'list') {
    if (actual !== 'list' || !(input as unknown[]).every((x) => typeof x === 'string')) throw new ThemeError(`${where}: \`${path}\` must be a list of strings`);
    return input;
  }
  if (expected !== actual) throw new ThemeError(`${where}: \`${path}\` must be a ${expected}, not ${actual}`);
  const problem = RULES[path]?.(input);
  if (problem) throw new ThemeError(`${where}: \`${path}\`: ${problem}`);
  return input;
}

/** Reads a theme from JSON text; `where` names the file in messages. */
export function parseTheme(text: string, where: string): Theme {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ThemeError(`${where}: not valid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`);
  }
  return merge(DEFAULT_THEME, input, '', where) as Theme;
}

/** Every key of the theme with its default, for the README and `--help`. */
export function themeKeys(theme: Theme = DEFAULT_THEME): Array<{ key: string; value: unknown }> {
  const out: Array<{ key: string; value: unknown }> = [];
  const walk = (node: unknown, path: string) => {
    if (kindOf(node) === 'object' && !OPEN_MAPS.has(path)) for (const [k, v] of Object.entries(node as object)) walk(v, path ? `${path}.${k}` : k);
    else out.push({ key: path, value: node });
  };
  walk(theme, '');
  return out;
}
