import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, parseTheme, ThemeError, themeKeys } from './theme.js';
import { builtInTemplatesDir, fillPlaceholders, loadHouseStyle, TemplateError, templatesDirFor } from './houseStyle.js';

describe('parseTheme', () => {
  it('reads the shipped templates/theme.json as the defaults', () => {
    const text = readFileSync(join(builtInTemplatesDir(), 'theme.json'), 'utf8');
    expect(parseTheme(text, 'templates/theme.json')).toEqual(DEFAULT_THEME);
  });

  it('merges a partial theme over the defaults', () => {
    const theme = parseTheme('{"colours": {"heading": "003366"}, "labels": {"statuses": {"withdrawn": "Withdrawn"}}}', 't');
    expect(theme.colours.heading).toBe('003366');
    expect(theme.colours.text).toBe(DEFAULT_THEME.colours.text);
    expect(theme.labels.statuses).toMatchObject({ withdrawn: 'Withdrawn', designated: 'Designated' });
  });

  it.each([
    ['{"colour": {}}', 'unknown key `colour`'],
    ['{"colours": {"txt": "000000"}}', 'unknown key `colours.txt`'],
    ['{"colours": {"text": "black"}}', '`colours.text`: expected a colour'],
    ['{"sizes": {"body": "10"}}', '`sizes.body` must be a number, not string'],
    ['{"sizes": {"body": 0}}', '`sizes.body`: expected a number above 0'],
    ['{"fonts": {"pdf": "Helvetica"}}', '`fonts.pdf`: expected one of "DejaVu Sans"'],
    ['{"labels": {"page": "Page {page}"}}', '`labels.page`: expected text with {page} and {pages}'],
    ['{"references": {"noArticleBefore": "Section"}}', '`references.noArticleBefore` must be a list of strings'],
    ['{"templates": {"cover": "../cover.md"}}', '`templates.cover`: expected the name of a Markdown file'],
    ['[1]', '`(top level)` must be an object'],
    ['{"page": ', 'not valid JSON'],
  ])('rejects %s', (json, message) => {
    expect(() => parseTheme(json, 'templates/theme.json')).toThrow(ThemeError);
    expect(() => parseTheme(json, 'templates/theme.json')).toThrow(message);
  });

  it('lists every key for the documentation', () => {
    const keys = themeKeys().map((k) => k.key);
    expect(keys).toContain('colours.heading');
    expect(keys).toContain('labels.statuses');
    expect(keys).toContain('templates.notices');
  });
});

describe('loadHouseStyle', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'regmark-templates-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('loads the shipped house style', () => {
    const style = loadHouseStyle(builtInTemplatesDir());
    expect(style.cover).toContain('{{as-at}}');
    expect(Object.keys(style.notices).sort()).toEqual(['consultation', 'draft']);
  });

  it('names a missing template', () => {
    const dir = folder({ 'theme.json': '{}' });
    expect(() => loadHouseStyle(dir)).toThrow(TemplateError);
    expect(() => loadHouseStyle(dir)).toThrow(/cover\.md: missing template/);
  });

  it('names a missing theme file', () => {
    expect(() => loadHouseStyle(folder({}))).toThrow(/theme\.json: missing template/);
  });

  it('rejects an unknown placeholder with its line', () => {
    const dir = folder({ 'theme.json': '{"templates": {"notices": {}}}', 'cover.md': 'Line one\n\nAs at {{asat}}.\n' });
    expect(() => loadHouseStyle(dir)).toThrow(/cover\.md:3: unknown placeholder \{\{asat\}\}/);
  });

  it('falls back to the built-in templates when the root has none, but not when --templates is wrong', () => {
    const root = mkdtempSync(join(tmpdir(), 'regmark-root-'));
    expect(templatesDirFor(root, undefined)).toBe(builtInTemplatesDir());
    expect(() => templatesDirFor(root, join(root, 'nope'))).toThrow(/no such folder/);
  });

  it('fills placeholders with Markdown-escaped values', () => {
    const values = { code: 'AM', reference: 'SEC Appendix AM', title: 'A *bold* [claim]', 'short-title': 'S1SR', version: '17.0', status: 'Draft', 'as-at': '1 June 2025', 'in-force': 'from 21 June 2019', organisation: 'SECCo' };
    expect(fillPlaceholders('{{title}} as at {{ as-at }}', values)).toBe('A \\*bold\\* \\[claim\\] as at 1 June 2025');
  });
});
