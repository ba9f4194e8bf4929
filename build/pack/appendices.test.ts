/**
 * The generated parts of a consultation paper, on a small corpus of its own: Appendix One in the author's order
 * and wording, house-style citations in generated tables, Appendix Two from `future-changes:` and the accepted
 * risks, the closing paragraph and the access-to-information paragraph from templates (which the author may edit).
 * The paper is read back with pdftotext and pandoc.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../test/cliHarness.js';
import { cleanRoots, writeRoot } from '../test/ruleTester.js';
import { buildPack } from '../commands/pack.js';
import { readZip } from '../render/output/zip.js';

const REPO = join(import.meta.dirname, '../..');
const SOURCE_DATE = new Date('2025-10-17T00:00:00Z');

const PAPER = `---
kind: consultation
id: CON-T
title: Test Paper
version: "1.0"
date: 2025-10-17
closes: 2025-11-14T17:00
author: Test Team
respond-to: answers@example.test
annexes: [NEW]
future-changes:
  - reference: NEW 3.3
    item: Logging of both parts
    comment: Can wait for a later change.
  - reference: OLD
    term: Gadget
    item: The tool term
    comment: Review when the old code is tidied.
---
# Summary

## Why we ask

### The detail

Views are sought on moving two parts.

::closing

### Question

Do you agree with the moves?

## What happens next

Replies are read.

# Appendix One – Moves

::retention-table{from=OLD ORDER}

# Appendix Two – Later

::future-changes
`;

function files(order = 'order="5.3; Gadget"'): Record<string, string> {
  return {
    'documents/OLD.md': '---\nid: OLD\ntitle: Old Code\nshort-title: Old Code\nreference: SEC Appendix OL\nversion: "3.0"\nstatus: designated\nin-force:\n  from: 2019-01-01\n  until: 2025-12-31\n---\n',
    'definitions/OLD.md': '---\ndocument: OLD\ntitle: Terms and Meanings\n---\n**Widget** means a part.\n\n**Gadget** means a tool.\n',
    'clauses/OLD/05-parts.md': '## 5 Parts\n\n**5.1** A Widget is kept.\n\n**5.2** A Gadget is kept.\n\n**5.3** Both are logged.\n',
    'documents/NEW.md':
      '---\nid: NEW\ntitle: New Code\nshort-title: New Code\nreference: SEC Appendix NW\nversion: "2.0"\nstatus: consultation\nin-force:\n  from: 2020-01-01\neffective: 2025-12-01\neffective-by: 2026-01-15\nprevious: base\naccepted:\n  - code: dangling-definition\n    term: Widget\n    until: 2026-01-14\n    reason: The old version may apply for a fortnight after the old code ends.\n  - code: dangling-definition\n    term: Gadget\n    until: 2026-01-14\n    reason: The old version may apply for a fortnight after the old code ends.\n---\n',
    'clauses/NEW/01-definitions.md': '## 1 Definitions\n\n**1.1** The terms below have these meanings.\n',
    'clauses/NEW/03-kept.md':
      '## 3 Kept Rules\n\n**3.1** {from="OLD 5.1" reason="R1" subject="Alpha rules"} A Widget is kept.\n\n**3.2** {from="OLD 5.2" reason="R1" subject="Alpha rules"} A Gadget is kept.\n\n**3.3** {from="OLD 5.3" reason="R2"} Both are logged.\n',
    'definitions/NEW.md': '---\ndocument: NEW\n---\n**Widget** {from="OLD" reason="R3"} means a part.\n\n**Gadget** {from="OLD" reason="R4"} means a tool.\n',
    'base/documents/NEW.md': '---\nid: NEW\ntitle: New Code\nshort-title: New Code\nreference: SEC Appendix NW\nversion: "1.0"\nstatus: designated\nin-force:\n  from: 2020-01-01\n---\n',
    'base/clauses/NEW/03-old.md': '## 3 Old Rules\n\n**3.1** A Widget is used.\n\n**3.2** A Gadget is used.\n\n**3.3** Another Gadget is used.\n',
    'documents/CON-T.md': PAPER.replace('ORDER', order),
  };
}

const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('consultation appendices and boilerplate', () => {
  afterAll(cleanRoots);

  it('prints Appendix One in the author order and wording, Appendix Two with every accepted risk, and the closing facts', async () => {
    const root = await writeRoot(files());
    const report = await buildPack({ root, id: 'CON-T', outDir: join(root, 'out'), sourceDate: SOURCE_DATE });
    expect(report.paper.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.check.filter((d) => d.severity === 'error' && !d.accepted)).toEqual([]);
    expect(report.refused).toBe(false);

    const rows = report.retentionTables[0]!.rows;
    expect(rows.map((r) => r.fromItems.join('+'))).toEqual(['5.3', 'Gadget', 'Widget', '5.1+5.2']);
    expect(rows[3]!.subject).toBe('Alpha rules');

    expect(report.futureChanges[0]!.map((r) => [r.source, r.reference, r.item])).toEqual([
      ['future-changes', 'New Code Clause 3.3', 'Logging of both parts'],
      ['future-changes', 'Definition of Gadget (Old Code)', 'The tool term'],
      ['accepted', 'Definition of Widget (Old Code)', 'Used by New Code Clause 3.1 of version 1.0 until version 2.0 takes effect; accepted until 14 January 2026'],
      ['accepted', 'Definition of Gadget (Old Code)', 'Used by New Code Clauses 3.2 and 3.3 of version 1.0 until version 2.0 takes effect; accepted until 14 January 2026'],
    ]);

    const paper = report.files.find((f) => f.kind === 'paper' && f.format === 'pdf')!.path;
    const text = pdfText(paper);
    expect(text).toContain('This consultation closes at 17:00 on 14 November 2025. Please send your response to answers@example.test.');
    // Table cells are read from the DOCX, where pandoc keeps each cell's text on one line.
    const docx = report.files.find((f) => f.kind === 'paper' && f.format === 'docx')!.path;
    const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', '--columns=2000', docx], { encoding: 'utf8' });
    for (const cell of ['Old Code Terms and Meanings', 'Old Code Clauses 5.1 to 5.2', 'Alpha rules', 'New Code Section 3 (Kept Rules)', 'New Code Clauses 3.1 to 3.2', 'Old Code Clause 5.3', 'New Code Section 1 (Definitions)']) expect(plain).toContain(cell);
    // The reason both accepted rows share is given once, in a note under the table, and each row points to it.
    expect(plain.split('The old version may apply for a fortnight after the old code ends.')).toHaveLength(2);
    expect(plain).toContain('Note 1. The old version may apply for a fortnight after the old code ends.');
    expect(plain.split('See note 1 below the table.')).toHaveLength(3);
    expect(plain.indexOf('See note 1 below the table.')).toBeLessThan(plain.indexOf('Note 1. The old version'));
    expect(plain).not.toMatch(/dangling-definition|Accepted risk/);
    for (const act of ['Freedom of Information Act 2000', 'Data Protection Act 2018', 'Environmental Information Regulations 2004']) expect(text).toContain(act);
    expect(text).toMatch(/adds automatically to every message is not, on its own, a request for confidentiality/);
    // Headings numbered 1, 1.1, 1.1.1; questions keep their names; the contents list shows all three levels.
    expect(text).toMatch(/Contents 1 Summary 3 1\.1 Why we ask 3 1\.1\.1 The detail 3 1\.2 What happens next 3 2 How to Respond 3 3 Appendix One – Moves \d 4 Appendix Two – Later \d/);
    expect(text).toMatch(/1\.1\.1 The detail 1 Views are sought/);
    expect(text).toContain('Question One');
    expect(text).not.toMatch(/\d Question One/);
    expect(plain).toMatch(/1\.1\.1 The detail/);
    // No internal IDs in generated tables.
    expect(plain).not.toMatch(/\b(?:OLD|NEW) \d/);
    expect(plain.indexOf('Old Code Clause 5.3')).toBeLessThan(plain.indexOf('Definition of Gadget'));
  }, 60_000);

  it('an order= name that matches no row, and a future-changes reference that resolves to nothing, stop the pack at their place', async () => {
    const root = await writeRoot({ ...files('order="5.9"'), 'documents/CON-T.md': files('order="5.9"')['documents/CON-T.md']!.replace('reference: NEW 3.3', 'reference: NEW 3.8') });
    const text = readFileSync(join(root, 'documents/CON-T.md'), 'utf8').split('\n');
    const lineOf = (needle: string) => text.findIndex((l) => l.includes(needle)) + 1;
    const r = await run(['pack', 'CON-T', '--root', root, '--out', join(root, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`documents/CON-T.md:${lineOf('reference: NEW 3.8')}:16  error  unresolved-reference  [[NEW 3.8]]: NEW has no clause, section or sub-paragraph 3.8`);
    expect(r.err).toContain(`documents/CON-T.md:${lineOf('::retention-table')}:1  error  invalid-directive  \`::retention-table\`: \`order\` names \`5.9\`, which is no term or clause retained from OLD`);
  }, 60_000);

  it('takes the access-to-information paragraph and the closing sentence from the content root\'s templates', async () => {
    const root = await writeRoot(files());
    cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
    writeFileSync(join(root, 'templates/consultation/closing.md'), 'Replies to {{respond-to}} before {{closes}}, please.\n');
    writeFileSync(join(root, 'templates/consultation/how-to-respond.md'), '# How to Respond\n\nWrite to {{respond-to}}. Our own disclosure wording goes here.\n');
    const report = await buildPack({ root, id: 'CON-T', outDir: join(root, 'out'), sourceDate: SOURCE_DATE });
    expect(report.refused).toBe(false);
    const text = pdfText(report.files.find((f) => f.kind === 'paper' && f.format === 'pdf')!.path);
    expect(text).toContain('Replies to answers@example.test before 17:00 on 14 November 2025, please.');
    expect(text).toContain('Our own disclosure wording goes here.');
    expect(text).not.toContain('Freedom of Information Act 2000');
  }, 60_000);

  it('a caption between prose and a table does not take a table that has its own: it is an orphan, printed as it was', async () => {
    const tables = [
      '# Appendix One – Moves',
      '',
      'Table: Moves from the old code',
      '',
      '::retention-table{from=OLD}',
      '',
      'Table: A caption that lost its table',
      '',
      'Some prose between the two tables.',
      '',
      '| Part | Kept |',
      '|------|------|',
      '| Widget | yes |',
      '',
      'Table: Parts kept',
      '',
      'Closing prose.',
      '',
    ].join('\n');
    const paper = PAPER.replace('# Appendix One – Moves\n\n::retention-table{from=OLD ORDER}\n', tables);
    const root = await writeRoot({ ...files(), 'documents/CON-T.md': paper });
    const lines = paper.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const report = await buildPack({ root, id: 'CON-T', outDir: join(root, 'out'), sourceDate: SOURCE_DATE });
    expect(report.refused).toBe(false);
    expect(report.paper.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)).toEqual([
      `documents/CON-T.md:${lineOf('A caption that lost')}:1 warning orphan-caption "Table: A caption that lost its table" captions no table (the table before it has its own caption); shown as a paragraph`,
    ]);
    const docx = report.files.find((f) => f.kind === 'paper' && f.format === 'docx')!.path;
    const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', '--columns=2000', docx], { encoding: 'utf8' });
    const at = (needle: string) => {
      const i = plain.indexOf(needle);
      expect(i, needle).toBeGreaterThanOrEqual(0);
      return i;
    };
    // The retention table keeps its own caption; the stray one stays where it was written, as text; the trailing
    // caption of the uncaptioned table is printed above it as Table 2.
    expect(at('Table 1 – Moves from the old code')).toBeLessThan(at('Old Code Clause 5.3'));
    expect(at('Old Code Clause 5.3')).toBeLessThan(at('Table: A caption that lost its table'));
    expect(at('Table: A caption that lost its table')).toBeLessThan(at('Some prose between the two tables.'));
    expect(at('Some prose between the two tables.')).toBeLessThan(at('Table 2 – Parts kept'));
    const kept = plain.slice(at('Table 2 – Parts kept'), at('Closing prose.'));
    expect(kept).toMatch(/Widget\s+yes/);
    expect(plain).not.toContain('Table 3');
    // Word keeps each caption on the page of its table; the orphan, a plain paragraph, is not kept.
    const xml = new TextDecoder().decode(readZip(new Uint8Array(readFileSync(docx))).find((e) => e.name === 'word/document.xml')!.data);
    const paragraph = (needle: string) => xml.split('</w:p>').find((p) => p.includes(needle))!;
    expect(paragraph('Table 1 – Moves from the old code')).toContain('<w:keepNext/>');
    expect(paragraph('Table 2 – Parts kept')).toContain('<w:keepNext/>');
    expect(paragraph('Table: A caption that lost its table')).not.toContain('<w:keepNext/>');
  }, 60_000);

  it('dates the redlines\' changes as the consultation, not as the last commit', async () => {
    const root = await writeRoot(files());
    const report = await buildPack({ root, id: 'CON-T', outDir: join(root, 'out'), sourceDate: new Date('2026-11-30T15:45:00Z') });
    expect(report.refused).toBe(false);
    const redline = (format: string) => report.files.find((f) => f.kind === 'annex-redline' && f.format === format)!.path;
    const entries = readZip(new Uint8Array(readFileSync(redline('docx'))));
    const xml = entries.filter((e) => /^word\/.*\.xml$/.test(e.name)).map((e) => new TextDecoder().decode(e.data)).join('');
    expect([...xml.matchAll(/<w:(?:ins|del) /g)].length).toBeGreaterThan(0);
    // Tracked changes and the cover comment alike (the comment's date carries milliseconds).
    const days = new Set([...xml.matchAll(/w:date="([^"]+)"/g)].map((m) => m[1]!.replace('.000Z', 'Z')));
    expect([...days]).toEqual(['2025-10-17T00:00:00Z']);
    const cover = pdfText(redline('pdf'));
    expect(cover).toContain('by Test Team on 17 October 2025.');
    expect(cover).not.toContain('30 November 2026');
    // pandoc reads the tracked changes' dates back as written.
    const json = execFileSync('pandoc', ['-f', 'docx', '-t', 'json', '--track-changes=all', redline('docx')], { encoding: 'utf8' });
    expect(json).toContain('"2025-10-17T00:00:00Z"');
    expect(json).not.toContain('2026-11-30');
  }, 60_000);
});
