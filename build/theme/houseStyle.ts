/**
 * The house style folder: `theme.json` plus the Markdown boilerplate it names (cover text, status notices).
 * A content root's own `templates/` wins; a root without one uses the house style that ships with regmark.
 */
import { InputError } from '../diagnostics/catalogue.js';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isInside } from '../model/paths.js';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTheme, ThemeError, type Theme } from './theme.js';

/** Placeholders the boilerplate may use, filled per document: `{{title}}`, `{{as-at}}`, … */
export const PLACEHOLDERS = ['code', 'reference', 'title', 'short-title', 'version', 'status', 'as-at', 'in-force', 'organisation'] as const;
export type PlaceholderValues = Record<(typeof PLACEHOLDERS)[number], string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface HouseStyle {
  /** Folder it was read from. */
  dir: string;
  theme: Theme;
  /** Markdown of the cover boilerplate. */
  cover: string;
  /** Markdown of a notice per document status (`consultation`, `draft`, …). */
  notices: Record<string, string>;
}

/** One-line problems with the house style; the CLI prints them as they are. */
export class TemplateError extends InputError {}

/** regmark's own templates/ folder: beside build/ in the source tree, beside dist/ once compiled. */
export function builtInTemplatesDir(): string {
  return fileURLToPath(new URL('../../templates', import.meta.url));
}

/** The folder to read: `--templates DIR` when given, else ROOT/templates when it exists, else the built-in one. */
export function templatesDirFor(root: string, option: string | undefined): string {
  if (option !== undefined) {
    const dir = resolve(option);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new TemplateError(`--templates ${option}: no such folder`);
    return dir;
  }
  const own = join(root, 'templates');
  if (!existsSync(join(own, 'theme.json'))) return builtInTemplatesDir();
  if (!isInside(realpathSync(root), realpathSync(own))) throw new TemplateError(`unsafe-path: templates/ leads to ${realpathSync(own)}, outside the content root; it is not read`);
  return own;
}

function display(dir: string, file: string): string {
  const rel = relative(process.cwd(), join(dir, file));
  return rel.startsWith('..') ? join(dir, file) : rel;
}

function readTemplate(dir: string, file: string, what: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new TemplateError(`${display(dir, file)}: missing template (${what})`);
  // A theme names its boilerplate files; none may lead out of the templates folder (by `..` or by a symlink).
  if (!isInside(realpathSync(dir), realpathSync(path))) throw new TemplateError(`${display(dir, file)}: unsafe-path: leads to ${realpathSync(path)}, outside the templates folder; it is not read`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TemplateError(`${display(dir, file)}: cannot read template (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(text); m; m = PLACEHOLDER.exec(text)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) {
      const line = text.slice(0, m.index).split('\n').length;
      throw new TemplateError(`${display(dir, file)}:${line}: unknown placeholder {{${m[1]}}} (known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`);
    }
  }
  return text;
}

export function loadHouseStyle(dir: string): HouseStyle {
  const themePath = join(dir, 'theme.json');
  if (!existsSync(themePath)) throw new TemplateError(`${display(dir, 'theme.json')}: missing template (the theme file)`);
  if (!isInside(realpathSync(dir), realpathSync(themePath))) throw new TemplateError(`${display(dir, 'theme.json')}: unsafe-path: leads to ${realpathSync(themePath)}, outside the templates folder; it is not read`);
  let theme: Theme;
  try {
    theme = parseTheme(readFileSync(themePath, 'utf8'), display(dir, 'theme.json'));
  } catch (error) {
    if (error instanceof ThemeError) throw new TemplateError(error.message);
    throw error;
  }
  const cover = readTemplate(dir, theme.templates.cover, 'templates.cover in theme.json');
  const notices: Record<string, string> = {};
  for (const [status, file] of Object.entries(theme.templates.notices)) notices[status] = readTemplate(dir, file, `templates.notices.${status} in theme.json`);
  return { dir, theme, cover, notices };
}

/** Markdown-escapes a value so that a title with `*` or `[` stays literal text. */
function escapeMarkdown(value: string): string {
  return value.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** Fills `{{name}}` placeholders; values are Markdown-escaped unless the text is already parsed (`escape: false`). */
export function fillPlaceholders(text: string, values: PlaceholderValues, options: { escape?: boolean } = {}): string {
  const escape = options.escape ?? true;
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name as keyof PlaceholderValues] ?? '';
    return escape ? escapeMarkdown(value) : value;
  });
}

/** The house style of a content root: `--templates DIR` if given, else `<root>/templates`, else regmark's own. */
export function houseStyleFor(root: string, templates: string | undefined): HouseStyle {
  return loadHouseStyle(templatesDirFor(root, templates));
}
