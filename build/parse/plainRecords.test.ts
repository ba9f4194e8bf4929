/**
 * Records read straight from a clause or definitions file must be, to the last offset and in the same order, the
 * records parseSource takes from the fast reader's tree: term detection, the cache and every check read them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastParse } from './fastBlocks.js';
import { parseRecords, parseSource } from './parseFile.js';
import { MAX_TREE_DEPTH } from './nesting.js';
import { sampleBlockSoup, sampleInlineSoup, sampleLineSoup, samplePlainClauses } from '../test/markdownSamples.js';

const fixtures = resolve(import.meta.dirname, '../test/fixtures');

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) markdownFiles(path, out);
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

/** Both readings of `text`; `direct` is undefined when the straight reading declines it. */
function readings(text: string, role: 'clauses' | 'definitions' = 'clauses') {
  return { direct: parseRecords('f.md', role, 'AM', text), tree: parseSource('f.md', role, 'AM', text, [], { fast: true }).file };
}

const located = (text: string, needle: string, from = 0) => text.indexOf(needle, from);

describe('records read without a tree', () => {
  it('equal the tree walk for every Markdown file of the fixtures it reads, as clauses and as definitions', () => {
    const files = markdownFiles(fixtures);
    let read = 0;
    for (const file of files) {
      for (const role of ['clauses', 'definitions'] as const) {
        const { direct, tree } = readings(readFileSync(file, 'utf8'), role);
        if (!direct) continue;
        read++;
        expect(JSON.stringify(direct), `${role} ${file}`).toBe(JSON.stringify(tree));
      }
    }
    expect(read).toBeGreaterThan(files.length);
  }, 60_000);

  it('equal the tree walk for 9,000 generated files, or decline them with the fast reader; the last 6,000 as definitions too', () => {
    const seen = new Set<string>();
    let read = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const text = samplePlainClauses(seed);
      const { direct, tree } = readings(text);
      if (!direct) {
        // Declined only where the tree path would not take the fast reader either.
        expect(fastParse(text), `seed ${seed}`).toBeUndefined();
        continue;
      }
      read++;
      if (JSON.stringify(direct) !== JSON.stringify(tree)) expect({ seed, text, direct }).toEqual({ seed, text, direct: tree });
      for (const d of direct.diagnostics) seen.add(d.code);
      for (const p of direct.provisions) seen.add(p.kind);
      if (direct.provisions.some((p) => p.runs.some((run) => run.map))) seen.add('escaped text');
    }
    expect(read).toBeGreaterThan(250);
    // Text that tests the fast reader's limits: each file it takes, this reading takes the same way.
    for (let seed = 1; seed <= 2000; seed++) {
      for (const text of [sampleLineSoup(seed), sampleInlineSoup(seed), sampleBlockSoup(seed)]) {
        for (const role of ['clauses', 'definitions'] as const) {
          const { direct, tree } = readings(text, role);
          if (direct && JSON.stringify(direct) !== JSON.stringify(tree)) expect({ seed, role, text, direct }).toEqual({ seed, role, text, direct: tree });
        }
      }
    }
    // The generator reaches what makes the order subtle.
    expect([...seen].sort()).toEqual(['clause', 'escaped text', 'invalid-attribute', 'invalid-front-matter', 'missing-footnote', 'orphan-text', 'section', 'subParagraph', 'unresolved-reference']);
  }, 60_000);

  it('label sub-paragraphs list by list, as the walk does, and only under a provision', () => {
    const text = '## 1 Scope\n\n**1.1** Rule.\n\n- (a) first\n  - (i) inner\n- plain\n  - (ii) not labelled\n- (b) second\n  - (i) inner too\n\n### Aside\n\nIntro after a heading:\n\n- (c) under no clause\n';
    const { direct, tree } = readings(text);
    expect(direct).toEqual(tree);
    expect(direct!.provisions.map((p) => `${p.kind}:${p.local}`)).toEqual(['section:1', 'clause:1.1', 'subParagraph:1.1(a)', 'subParagraph:1.1(b)', 'subParagraph:1.1(a)(i)', 'subParagraph:1.1(b)(i)']);
    // The plain item and what is under it, and the list under a plain heading, are their owners' text.
    expect(direct!.provisions[1]!.runs.map((r) => r.text.trim())).toEqual(['Rule.', 'plain', '(ii) not labelled']);
    expect(direct!.provisions[0]!.runs.map((r) => r.text.trim())).toEqual(['Intro after a heading:', '(c) under no clause']);
  });

  it('report a clause opening before problems in text, and orphan text where it is first met', () => {
    const text = '**1.1** {kind=duty} See [[no such]].\n\n### Not a section\n\nStray [[AL 2]] text.\n\n## 2 Later\n\n**2.1** {colour=red} Fine.\n';
    const { direct, tree } = readings(text);
    expect(direct).toEqual(tree);
    expect(direct!.diagnostics.map((d) => `${d.code}@${d.offset}`)).toEqual([
      `invalid-attribute@${located(text, 'duty')}`,
      `orphan-text@${located(text, '###')}`,
      `invalid-attribute@${located(text, 'colour')}`,
      `unresolved-reference@${located(text, '[[no')}`,
    ]);
    // Orphan text gives its references to the file's first provision, and no terms.
    expect(direct!.provisions[0]!.references.map((r) => r.raw)).toEqual(['AL 2']);
    expect(direct!.provisions[0]!.runs.map((r) => r.text.trim())).toEqual(['See', '.']);
  });

  it('give a footnote the owner of its first call, through other footnotes too', () => {
    const text = '## 1 Scope\n\n**1.1** Rule[^a].\n\n**1.2** Rule[^a].\n\n[^a]: Note citing [^b] and [[AM 9.9]].\n[^b]: Second note citing [[AM 8.8]].\n[^c]: Unused note citing [[AM 7.7]].\n';
    const { direct, tree } = readings(text);
    expect(direct).toEqual(tree);
    expect(direct!.provisions.map((p) => p.references.map((r) => r.raw))).toEqual([[], ['AM 9.9', 'AM 8.8'], []]);
  });

  it('read escaped text and a trimmed label at their offsets in the source', () => {
    const text = '## 1 Scope\n\n**1.1** Rule:\n\n- (a) the \\*starred\\* Party\n';
    const { direct, tree } = readings(text);
    expect(direct).toEqual(tree);
    const run = direct!.provisions[2]!.runs[0]!;
    expect(run.text).toBe('the *starred* Party');
    expect(run.map![run.text.indexOf('P')]).toBe(located(text, 'Party'));
    expect(direct!.provisions[2]!.offset).toBe(located(text, '(a)'));
  });

  it('give each definition the text its homes are compared by, and report its opening before its text', () => {
    const text = '---\ndocument: AM\n---\n## Terms\n\n**Party** {plural="Parties" colour=red} means a person [[no such]] named in\n`Schedule 2`:\n\n- who *signs*; and\n- who pays\n\n| a | b |\n|---|---|\n| c | d |\n\nStill the same definition[^n].\n\n## Other\n\nText under no definition is read by no one [[AL]].\n\n[^n]: A note citing [[AM 1.1]].\n';
    const { direct, tree } = readings(text, 'definitions');
    expect(JSON.stringify(direct)).toBe(JSON.stringify(tree));
    const [party] = direct!.definitions;
    expect(party!.text).toBe('means a person [[no such]] named in Schedule 2: who signs; andwho pays abcd Still the same definition.');
    expect(party!.attributes).toEqual({ plural: 'Parties' });
    expect(party!.references.map((r) => r.raw)).toEqual(['AM 1.1']);
    expect(direct!.diagnostics.map((d) => `${d.code}@${d.offset}`)).toEqual([`invalid-attribute@${located(text, 'colour')}`, `unresolved-reference@${located(text, '[[no')}`]);
    expect(direct!.declaredDocument).toBe('AM');
  });

  it('decline what the fast reader declines, and lists nested deeper than a tree may be', () => {
    expect(parseRecords('f.md', 'clauses', 'AM', '## 1 Scope\n\n> quoted\n')).toBeUndefined();
    expect(parseRecords('f.md', 'clauses', 'AM', '## 1 Scope\n\n**1.1** A [link](x).\n')).toBeUndefined();
    const depth = Math.ceil(MAX_TREE_DEPTH / 2);
    const deep = '## 1 Scope\n\n**1.1** Rule.\n\n' + Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + '\n';
    expect(parseRecords('f.md', 'clauses', 'AM', deep)).toBeUndefined();
    // parseSource reads it and says why it is refused.
    expect(readings(deep).tree.diagnostics.map((d) => d.code)).toEqual(['unreadable-file']);
    const shallow = deep.split('\n').slice(0, 4 + 60).join('\n') + '\n';
    expect(readings(shallow).direct).toEqual(readings(shallow).tree);
    const deepTerm = deep.replace('## 1 Scope\n\n**1.1** Rule.', '---\ndocument: AM\n---\n**Term** means:');
    expect(parseRecords('f.md', 'definitions', 'AM', deepTerm)).toBeUndefined();
    expect(readings(deepTerm, 'definitions').tree.diagnostics.map((d) => d.code)).toContain('unreadable-file');
    // Text no record reads is still read for what the fast reader declines (here a hard break).
    for (const [role, text] of [['clauses', 'Orphan text\\\nwith a hard break.\n'], ['definitions', '---\ndocument: AM\n---\n## Terms\n\nNo term\\\nhere.\n']] as const) {
      expect(fastParse(text), role).toBeUndefined();
      expect(parseRecords('f.md', role, 'AM', text), role).toBeUndefined();
    }
  });
});
