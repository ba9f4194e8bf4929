/**
 * fmt never loses content: for generated sources and for every file of the example corpus and fixtures,
 * parse → format → parse gives the same model, and formatting twice equals formatting once.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileRole } from '../model/corpus.js';
import { discoverSources } from '../parse/discover.js';
import { parseSource } from '../parse/parseFile.js';
import { parseMarkdown } from '../parse/markdown.js';
import type { Nodes } from 'mdast';
import { blocksFormatting, formatSource } from './formatSource.js';
import { modelDifference } from './model.js';
import { clauseFileArb, definitionsFileArb, manifestArb } from './sourceArbitraries.js';

const FIXTURES = join(import.meta.dirname, '../test/fixtures');
/** REGMARK_FC_SCALE=20 runs every property twenty times as long, for a deeper search before a release. */
const SCALE = Number(process.env.REGMARK_FC_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const ROOTS = ['before-retention', 'consultation', 'render-edge'].map((name) => join(FIXTURES, name));

/**
 * The property itself: the output means the same and is a fixed point, or the file is left alone. `strict`:
 * only a parse problem may leave it alone; otherwise any refusal counts (returned), as long as nothing changed silently.
 */
/**
 * Raw HTML straight after the text of a list item: Markdown can write that tree only as the author laid it out (a
 * blank line before the HTML makes the list loose, none makes the HTML part of the paragraph), so fmt leaves the
 * file as it is — the documented refusal, not a loss.
 */
function htmlAfterItemText(node: Nodes): boolean {
  if (node.type === 'listItem' && node.children.some((c, i) => c.type === 'html' && i > 0 && node.children[i - 1]!.type === 'paragraph')) return true;
  return 'children' in node && (node.children as Nodes[]).some(htmlAfterItemText);
}

function assertRoundTrip(path: string, role: FileRole, doc: string, text: string, strict = true): 'refused' | 'ok' {
  const original = parseSource(path, role, doc, text);
  const outcome = formatSource(path, role, doc, text, original);
  if (outcome.status === 'skipped') {
    const blocked = original.file.diagnostics.some(blocksFormatting) || htmlAfterItemText(parseMarkdown(text));
    if (strict) expect(blocked, `${outcome.reason}\n--- source ---\n${text}`).toBe(true);
    return blocked ? 'ok' : 'refused';
  }
  const output = outcome.status === 'changed' ? outcome.output : text;
  expect(modelDifference(original, parseSource(path, role, doc, output)), `--- source ---\n${text}\n--- output ---\n${output}`).toBeUndefined();
  const again = formatSource(path, role, doc, output);
  expect(again.status, `not idempotent\n--- first ---\n${output}\n--- second ---\n${again.status === 'changed' ? again.output : ''}`).toBe('unchanged');
  return 'ok';
}

describe('fmt round trip (fast-check)', () => {
  it('clause files', () => {
    fc.assert(
      fc.property(clauseFileArb, (text) => void assertRoundTrip('clauses/AL/07-a.md', 'clauses', 'AL', text)),
      { numRuns: runs(300) },
    );
  }, 120_000 * SCALE);

  it('definitions files', () => {
    fc.assert(
      fc.property(definitionsFileArb, (text) => void assertRoundTrip('definitions/AM.md', 'definitions', 'AM', text)),
      { numRuns: runs(200) },
    );
  }, 120_000 * SCALE);

  it('manifests', () => {
    fc.assert(
      fc.property(manifestArb, (text) => void assertRoundTrip('documents/AM.md', 'manifest', 'AM', text)),
      { numRuns: runs(200) },
    );
  }, 60_000 * SCALE);

  it('arbitrary text in a clause file (never a silent change, whatever it parses to)', () => {
    const chunk = fc.constantFrom('**7.2** ', '- (a) ', '  - (i) ', '[[AL 7.2]]', '[[7.9A – 7.9D|x]]', '| a | b |\n|---|---|\n', '[^1]', '[^1]: note\n', '## 7 Title\n', '\n\n', '\n', ' ', 'text', '*', '_', '`', '[', ']', '(', ')', '{kind=note}', '\\', '&', '<!-- c -->', '> ', '1. ', '    code', '---\n');
    // Markdown soup can hit parser corners where the writer's form reads back differently (a thematic break
    // before `[^1]: x` turns a link definition into a footnote); fmt then refuses the file. That must stay rare.
    let refused = 0;
    const total = runs(500);
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 40 }), (parts) => {
        if (assertRoundTrip('clauses/AL/07-a.md', 'clauses', 'AL', parts.join(''), false) === 'refused') refused++;
      }),
      { numRuns: total },
    );
    expect(refused / total).toBeLessThan(0.02);
  }, 120_000 * SCALE);
});

describe('fmt round trip over the fixtures', () => {
  for (const root of ROOTS) {
    it(`every file of ${basename(root)}`, async () => {
      const refs = (await discoverSources(root)).filter((r) => r.role !== 'matrix'); // CSV matrices are not Markdown; fmt leaves them
      expect(refs.length).toBeGreaterThanOrEqual(5);
      for (const ref of refs) expect(assertRoundTrip(ref.path, ref.role, ref.doc, readFileSync(join(root, ref.path), 'utf8'))).toBe('ok');
    });
  }

  /** Layout an author might introduce by hand; fmt must take every variant back to the one canonical text. */
  function perturb(text: string, choices: number[]): string {
    let i = 0;
    const pick = (n: number) => (choices[i++ % choices.length] ?? 0) % n;
    // One bullet for the whole file: a change of bullet character starts a new list, which is not layout.
    const bullet = ['-', '*', '+'][pick(3)]!;
    return text
      .replace(/^(\*\*[0-9][^*]*\*\*) \{([^}]*)\}/gm, (_m, num: string, attrs: string) => {
        const parts = attrs.match(/[\w-]+=(?:"[^"]*"|\S+)/g) ?? [];
        if (pick(2)) parts.reverse();
        return `${num}${['  ', ' ', '\t'][pick(3)]}{${[' ', ''][pick(2)]}${parts.map((p) => (pick(2) ? p.replace(/^kind=(\w+)$/, 'kind="$1"') : p)).join('  ')}}`;
      })
      .replace(/\[\[([A-Z]+ )?([^\]|-]+)-([^\]|]+)\]\]/g, (_m, doc: string | undefined, a: string, b: string) => `[[${doc ? doc.trim() + ['  ', ' '][pick(2)] : ''}${a}${['-', ' \u2013 ', '\u2013', ' - '][pick(4)]}${b}]]`)
      .replace(/^- \(/gm, `${bullet} (`)
      .replace(/^\| ?(.*?) ?\|$/gm, (_m, cells: string) => `|${cells.split(/ *(?<!\\)\| */).join(' | ')}|`)
      .replace(/\n\n(?=\*\*)/g, () => ['\n\n', '\n\n\n'][pick(2)]!);
  }

  it('perturbed clause files format to the same canonical text', async () => {
    const sources = (await Promise.all(ROOTS.map(async (root) => (await discoverSources(root)).filter((r) => r.role === 'clauses').map((ref) => ({ root, ref }))))).flat();
    const refs = sources.map((s) => s.ref);
    const texts = sources.map((s) => readFileSync(join(s.root, s.ref.path), 'utf8'));
    const canonical = refs.map((r, i) => {
      const o = formatSource(r.path, r.role, r.doc, texts[i]!);
      return o.status === 'changed' ? o.output : texts[i]!;
    });
    fc.assert(
      fc.property(fc.nat(refs.length - 1), fc.array(fc.nat(12), { minLength: 1, maxLength: 30 }), (index, choices) => {
        const ref = refs[index]!;
        const messy = perturb(texts[index]!, choices);
        const o = formatSource(ref.path, ref.role, ref.doc, messy);
        expect(o.status === 'changed' ? o.output : messy, `--- perturbed ---\n${messy}`).toBe(canonical[index]);
      }),
      { numRuns: runs(150) },
    );
  }, 120_000 * SCALE);
});
