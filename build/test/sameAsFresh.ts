/** What the re-check tests share: a private copy of a fixture, and diagnostics in a form two lists compare in. */
import { cp, mkdtemp, readFile, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/catalogue.js';

/** A copy of a fixture's sources in a new temporary folder, which `roots` remembers for removal. */
export async function copyOfFixture(source: string, roots: string[], prefix = 'regmark-copy-'): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  roots.push(root);
  for (const folder of ['documents', 'clauses', 'definitions']) await cp(join(source, folder), join(root, folder), { recursive: true });
  return root;
}

/** Every field, keys in one order, sorted: two lists compare equal whatever order ties and keys came in. */
export function canonicalDiagnostics(list: readonly Diagnostic[]): string[] {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(sorted) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)])) : value;
  return list.map((d) => JSON.stringify(sorted(d))).sort();
}

/**
 * Edits of the before-retention fixture that change the symbol tables, so that no re-check may take a shortcut:
 * each is a step name and the edit, applied in order to a copy at `root`.
 */
export function tableChangingEdits(root: string): Array<[string, () => Promise<void>]> {
  const append = async (path: string, text: string) => writeFile(join(root, path), (await readFile(join(root, path), 'utf8')) + text);
  return [
    ['a new clause', () => append('clauses/AM/13-pre-migration-configuration.md', '\n**13.5** See [[AL 7.9]].\n')],
    ['a new definition', () => append('definitions/AM.md', '\n**GroupID** {from="AL"} means the identifier that the DCC allocates to a Group.\n')],
    ['a manifest', async () => writeFile(join(root, 'documents/AL.md'), (await readFile(join(root, 'documents/AL.md'), 'utf8')).replace('until: 2025-12-31', 'until: 2026-12-31'))],
    ['a deleted file', () => unlink(join(root, 'clauses/AC/13-definitions.md'))],
    ['a new file', () => writeFile(join(root, 'clauses/AC/14-new.md'), '## 14 New\n\n**14.1** Uses a SMETS1 CAD and [[AC 13.1]].\n')],
  ];
}

/**
 * Text the re-check properties insert at random places of the fixture: words, terms, references good and bad, prose
 * that looks like a reference, a new clause or section, attributes, stray emphasis, and footnotes and link
 * references, whose definitions change how text elsewhere in the file reads.
 */
export const EDIT_SNIPPETS = [
  ' word',
  ' Requesting Party',
  ' GroupID',
  ' SMETS1 CAD',
  ' see [[AL 7.2]]',
  ' see [[AL 99.9]]',
  ' Clause 7.2',
  '',
  '\n\n**99.1** A new clause.\n\n',
  '{kind=note} ',
  ' [[AL 7.9A-7.9D]]',
  '**',
  '\n## 98 Late\n',
  ' [^7]',
  '\n[^7]: A note.\n',
  ' [the register][r]',
  '\n[r]: https://example.org/register\n',
];
