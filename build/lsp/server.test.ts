/**
 * The built server, driven over stdio by a protocol client (vscode-languageserver-protocol) on a content root of
 * its own: every feature, a live edit that breaks a reference, and input it must survive.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
  type Position,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { cleanRoots, definitions, writeRoot } from '../test/ruleTester.js';
import { LspClient } from './lspClient.js';

const manifest = (id: string, inForce: string, extra = '') => `---\nid: ${id}\ntitle: Harbour Rules ${id}\nshort-title: HR ${id}\nreference: Rulebook ${id}\nversion: "1.0"\nstatus: designated\nin-force:\n${inForce}${extra}---\n`;

const HX_CLAUSES = `## 4 Moorings

**4.1** The Wharfinger shall keep a Berth Ledger for every vessel.

**4.2** {from="HX 4.1" kind=obligation} A Berth Ledger may be shown to a Pilot.

- (a) on request; and
- (b) at each tide.
`;
const HY_CLAUSES = `## 2 Carried Over

**2.1** The Wharfinger keeps Berth Ledgers as [[HY 2.2]] and [[HX 4.2]] say, and Clause 2.2 explains.

**2.2** {form="HX 4.1"} The Harbour Keeper, as the Wharfinger, reads [[HX 4.1-4.2]] each day.

**2.3** {in-force-until="2026-03-31"} Each Pilot is named in the ledger of the day.
`;
// CRLF line ends and astral characters before a term use: positions are UTF-16 code units.
const HY_CRLF = '## 3 Signals\r\n\r\n**3.1** 🚢🚢 The Wharfinger hoists a flag.\r\n';
const ROOT = {
  'documents/HX.md': manifest('HX', '  from: 2019-01-01\n  until: 2025-12-31\n'),
  'documents/HY.md': manifest('HY', '  from: 2019-01-01\n', 'accepted:\n  - code: dangling-definition\n    term: Pilot\n    until: 2026-06-30\n    reason: The tide tables move in the next modification.\n'),
  'clauses/HX/04-moorings.md': HX_CLAUSES,
  'definitions/HX.md': definitions('HX', '**Berth Ledger** {plural="Berth Ledgers"} means the book in which each mooring is written down.\n\n**Pilot** means a person who guides a vessel in.\n'),
  'definitions/HY.md': definitions('HY', '**Wharfinger** {also="Harbour Keeper"} means the keeper of the wharf.\n'),
  'clauses/HY/02-carried.md': HY_CLAUSES,
  'clauses/HY/03-signals.md': HY_CRLF,
  'clauses/HY/04-latin.md': Buffer.concat([Buffer.from('## 4 Caf'), Buffer.from([0xe9]), Buffer.from('\n\n**4.1** Text.\n')]),
  'clauses/HY/05-huge.md': 'x'.repeat(16 * 1024 * 1024 + 10),
  'notes/README.md': 'Not a source.\n',
};

let client: LspClient;
let root: string;

function positionOf(text: string, needle: string, nth = 0, delta = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, at + delta);
  const lines = before.split(/\r\n|\n|\r/);
  return { line: lines.length - 1, character: lines.at(-1)!.length };
}
/** What an editor's buffer holds after it applies `edits` (positions in UTF-16 code units, \n lines). */
function applyTextEdits(text: string, edits: TextEdit[]): string {
  const offset = (p: Position) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

beforeAll(async () => {
  root = await writeRoot(ROOT);
  client = await LspClient.start(root, ['--as-at', '2025-06-01', '--no-cache']);
  await client.waitFor(() => ['clauses/HY/02-carried.md', 'clauses/HY/04-latin.md', 'clauses/HY/05-huge.md'].every((p) => client.of(p).length > 0));
}, 60_000);

afterAll(async () => {
  if (client) expect(await client.stop()).toBe(0);
  await cleanRoots();
});

const req = <P, R>(type: { method: string }, params: P) => client.connection.sendRequest(type.method, params) as Promise<R>;
const doc = (path: string) => ({ textDocument: { uri: client.uri(path) } });

describe('regmark lsp over stdio', () => {
  it('publishes the diagnostics of closed files, with codes, dates, related locations and accepted risks', () => {
    const hy = client.of('clauses/HY/02-carried.md');
    expect(codes(hy)).toEqual(expect.arrayContaining(['dangling-definition', 'expired-reference', 'untagged-reference', 'invalid-attribute']));
    const dangling = hy.find((d) => d.code === 'dangling-definition' && String(d.message).includes('Berth Ledger'))!;
    expect(dangling.message).toContain('Berth Ledger');
    expect(dangling.severity).toBe(1);
    expect(dangling.range).toEqual({ start: positionOf(HY_CLAUSES, 'Berth Ledgers'), end: positionOf(HY_CLAUSES, 'Berth Ledgers', 0, 'Berth Ledgers'.length) });
    expect(dangling.relatedInformation?.some((r) => r.location.uri === client.uri('definitions/HX.md'))).toBe(true);
    const expired = hy.find((d) => d.code === 'expired-reference' && String(d.message).includes('HX 4.2'))!;
    expect(expired.range).toEqual({ start: positionOf(HY_CLAUSES, '[[HX 4.2]]'), end: positionOf(HY_CLAUSES, '[[HX 4.2]]', 0, 10) });
    const accepted = hy.find((d) => d.code === 'dangling-definition' && String(d.message).includes('Pilot'))!;
    expect(accepted.severity).toBe(3);
    expect(accepted.message).toContain('accepted until 2026-06-30: The tide tables move');
    expect(accepted.range.start).toEqual(positionOf(HY_CLAUSES, 'Pilot'));
    // Not UTF-8, and over the size limit: reported as check reports them.
    expect(codes(client.of('clauses/HY/04-latin.md'))).toEqual(['unreadable-file']);
    expect(client.of('clauses/HY/05-huge.md')[0]?.message).toContain('files over 16 MB are not read');
    expect(client.diagnostics.has(client.uri('notes/README.md'))).toBe(false);
  });

  it('hovers a term use with its definition, homes and the day it would dangle', async () => {
    await client.open('clauses/HY/02-carried.md', HY_CLAUSES);
    const h = await req<unknown, Hover>(HoverRequest.type, { ...doc('clauses/HY/02-carried.md'), position: positionOf(HY_CLAUSES, 'Ledgers') });
    expect(hoverText(h)).toContain('**Berth Ledger**');
    expect(hoverText(h)).toContain('the book in which each mooring is written down');
    expect(hoverText(h)).toContain('HX: in force 2019-01-01 to 2025-12-31');
    expect(hoverText(h)).toContain('Would dangle from 2026-01-01: HY 2.1');
    expect(h.range).toEqual({ start: positionOf(HY_CLAUSES, 'Berth Ledgers'), end: positionOf(HY_CLAUSES, 'Berth Ledgers', 0, 13) });
  });

  it('hovers a reference with its target text and status, and a clause number with its window and provenance', async () => {
    const r = await req<unknown, Hover>(HoverRequest.type, { ...doc('clauses/HY/02-carried.md'), position: positionOf(HY_CLAUSES, 'HX 4.2]]', 0, 3) });
    expect(hoverText(r)).toContain('A Berth Ledger may be shown to a Pilot.');
    expect(hoverText(r)).toContain('expires under its reader on 2026-01-01');
    const c = await req<unknown, Hover>(HoverRequest.type, { ...doc('clauses/HX/04-moorings.md'), position: positionOf(HX_CLAUSES, '4.2**', 0, 1) });
    expect(hoverText(c)).toContain('**HX 4.2** — Clause (obligation)');
    expect(hoverText(c)).toContain('in force 2019-01-01 to 2025-12-31');
    expect(hoverText(c)).toContain('Provenance: from=HX 4.1');
  });

  it('goes to the definition of a term and to the target of a reference', async () => {
    const term = await req<unknown, Location[]>(DefinitionRequest.type, { ...doc('clauses/HY/02-carried.md'), position: positionOf(HY_CLAUSES, 'Berth Ledgers', 0, 2) });
    expect(term).toEqual([{ uri: client.uri('definitions/HX.md'), range: { start: { line: 3, character: 2 }, end: { line: 3, character: 14 } } }]);
    const ref = await req<unknown, Location[]>(DefinitionRequest.type, { ...doc('clauses/HY/02-carried.md'), position: positionOf(HY_CLAUSES, '[[HX 4.2]]', 0, 4) });
    expect(ref).toEqual([{ uri: client.uri('clauses/HX/04-moorings.md'), range: { start: positionOf(HX_CLAUSES, '4.2**'), end: positionOf(HX_CLAUSES, '4.2**', 0, 3) } }]);
  });

  it('finds every use of a term, plural and also= forms included, and every reference to a clause across documents', async () => {
    const uses = await req<unknown, Location[]>(ReferencesRequest.type, { ...doc('definitions/HY.md'), position: { line: 3, character: 4 }, context: { includeDeclaration: true } });
    const places = uses.map((l) => `${l.uri.slice(client.uri('x').length - 1)}:${l.range.start.line}:${l.range.start.character}`);
    expect(places).toEqual(
      expect.arrayContaining([
        `clauses/HX/04-moorings.md:${positionOf(HX_CLAUSES, 'Wharfinger').line}:${positionOf(HX_CLAUSES, 'Wharfinger').character}`,
        `clauses/HY/02-carried.md:${positionOf(HY_CLAUSES, 'Harbour Keeper').line}:${positionOf(HY_CLAUSES, 'Harbour Keeper').character}`,
        `clauses/HY/03-signals.md:2:17`,
        'definitions/HY.md:3:2',
      ]),
    );
    const plural = await req<unknown, Location[]>(ReferencesRequest.type, { ...doc('clauses/HX/04-moorings.md'), position: positionOf(HX_CLAUSES, 'Berth Ledger'), context: { includeDeclaration: false } });
    expect(plural.map((l) => l.uri)).toEqual(expect.arrayContaining([client.uri('clauses/HY/02-carried.md'), client.uri('clauses/HX/04-moorings.md')]));
    expect(plural.some((l) => l.uri === client.uri('clauses/HY/02-carried.md') && l.range.end.character - l.range.start.character === 'Berth Ledgers'.length)).toBe(true);
    const refs = await req<unknown, Location[]>(ReferencesRequest.type, { ...doc('clauses/HX/04-moorings.md'), position: positionOf(HX_CLAUSES, '4.2**'), context: { includeDeclaration: false } });
    expect(refs.map((l) => l.range.start)).toEqual([positionOf(HY_CLAUSES, '[[HX 4.2]]'), positionOf(HY_CLAUSES, '[[HX 4.1-4.2]]')]);
    const withDeclaration = await req<unknown, Location[]>(ReferencesRequest.type, { ...doc('clauses/HY/02-carried.md'), position: positionOf(HY_CLAUSES, '[[HX 4.2]]', 0, 4), context: { includeDeclaration: true } });
    expect(withDeclaration.map((l) => [l.uri, l.range.start])).toEqual([
      [client.uri('clauses/HX/04-moorings.md'), positionOf(HX_CLAUSES, '4.2**')],
      [client.uri('clauses/HY/02-carried.md'), positionOf(HY_CLAUSES, '[[HX 4.2]]')],
      [client.uri('clauses/HY/02-carried.md'), positionOf(HY_CLAUSES, '[[HX 4.1-4.2]]')],
    ]);
  });

  it('completes document codes inside [[, then that document’s clause, section and sub-paragraph IDs', async () => {
    const line = positionOf(HY_CLAUSES, 'each day.').line;
    await client.change('clauses/HY/02-carried.md', { start: { line, character: 0 }, end: { line, character: 0 } }, 'See [[H');
    const docs = await req<unknown, CompletionList>(CompletionRequest.type, { ...doc('clauses/HY/02-carried.md'), position: { line, character: 7 } });
    expect(docs.items.filter((i) => i.kind === 9).map((i) => i.label)).toEqual(['HX', 'HY']);
    await client.change('clauses/HY/02-carried.md', { start: { line, character: 7 }, end: { line, character: 7 } }, 'X 4.');
    const ids = await req<unknown, CompletionList>(CompletionRequest.type, { ...doc('clauses/HY/02-carried.md'), position: { line, character: 11 } });
    expect(ids.items.map((i) => i.label)).toEqual(['4.1', '4.2', '4.2(a)', '4.2(b)']);
    expect(ids.items[0]!.textEdit).toEqual({ range: { start: { line, character: 9 }, end: { line, character: 11 } }, newText: '4.1' });
    await client.change('clauses/HY/02-carried.md', { start: { line, character: 0 }, end: { line, character: 11 } }, '');
  });

  it('outlines a file and finds clause IDs and terms across the workspace', async () => {
    const symbols = await req<unknown, DocumentSymbol[]>(DocumentSymbolRequest.type, doc('clauses/HX/04-moorings.md'));
    expect(symbols.map((s) => s.name)).toEqual(['4 Moorings']);
    expect(symbols[0]!.children!.map((s) => s.name)).toEqual(['4.1', '4.2']);
    expect(symbols[0]!.children![1]!.children!.map((s) => s.name)).toEqual(['4.2(a)', '4.2(b)']);
    const found = await req<unknown, SymbolInformation[]>(WorkspaceSymbolRequest.type, { query: 'HX 4.2' });
    expect(found[0]).toMatchObject({ name: 'HX 4.2', location: { uri: client.uri('clauses/HX/04-moorings.md') } });
    const terms = await req<unknown, SymbolInformation[]>(WorkspaceSymbolRequest.type, { query: 'ledger' });
    expect(terms.map((s) => s.name)).toContain('Berth Ledger');
  });

  it('renames a term, plural included, as one edit, and refuses to rename anything else', async () => {
    await expect(req(PrepareRenameRequest.type, { ...doc('clauses/HX/04-moorings.md'), position: positionOf(HX_CLAUSES, '4.1**') })).rejects.toThrow(/Only a defined term can be renamed/);
    const prepared = await req<unknown, { placeholder: string }>(PrepareRenameRequest.type, { ...doc('clauses/HY/02-carried.md'), position: positionOf(HY_CLAUSES, 'Berth Ledgers') });
    expect(prepared.placeholder).toBe('Berth Ledger');
    const edit = await req<unknown, WorkspaceEdit>(RenameRequest.type, { ...doc('clauses/HY/02-carried.md'), position: positionOf(HY_CLAUSES, 'Berth Ledgers'), newName: 'Mooring Book' });
    const texts = (path: string) => (edit.changes![client.uri(path)] ?? []).map((e: TextEdit) => e.newText);
    expect(texts('definitions/HX.md')).toEqual(['Mooring Book', 'Mooring Books']);
    expect(texts('clauses/HY/02-carried.md')).toEqual(['Mooring Books']);
    expect(texts('clauses/HX/04-moorings.md')).toEqual(['Mooring Book', 'Mooring Book']);
    await expect(req(RenameRequest.type, { ...doc('clauses/HY/02-carried.md'), position: positionOf(HY_CLAUSES, 'Berth Ledgers'), newName: 'Pilot' })).rejects.toThrow(/already a defined term/);
  });

  it('offers to retain a dangling definition, tag an untagged reference and correct an unknown attribute', async () => {
    const diagnostics = client.of('clauses/HY/02-carried.md');
    const actions = await req<unknown, Array<{ title: string; edit: WorkspaceEdit }>>(CodeActionRequest.type, { ...doc('clauses/HY/02-carried.md'), range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, context: { diagnostics } });
    const retain = actions.find((a) => a.title === 'Retain the definition into HY')!;
    const retained = applyTextEdits(ROOT['definitions/HY.md'], retain.edit.changes![client.uri('definitions/HY.md')]!);
    expect(retained).toContain('**Berth Ledger** {plural="Berth Ledgers" from="HX"} means the book in which each mooring is written down.');
    const tag = actions.find((a) => a.title.startsWith('Make it a reference'))!;
    expect(tag.edit.changes![client.uri('clauses/HY/02-carried.md')]).toEqual([{ range: { start: positionOf(HY_CLAUSES, 'Clause 2.2'), end: positionOf(HY_CLAUSES, 'Clause 2.2', 0, 10) }, newText: '[[2.2]]' }]);
    const attribute = actions.find((a) => a.title === 'Change `form` to `from`')!;
    expect(attribute.edit.changes![client.uri('clauses/HY/02-carried.md')]![0]!.range.start).toEqual(positionOf(HY_CLAUSES, 'form='));
  });

  it('counts positions in UTF-16 code units in a CRLF file with astral characters', async () => {
    await client.open('clauses/HY/03-signals.md', HY_CRLF);
    const at = positionOf(HY_CRLF, 'Wharfinger', 0, 3);
    expect(at).toEqual({ line: 2, character: 20 });
    const h = await req<unknown, Hover>(HoverRequest.type, { ...doc('clauses/HY/03-signals.md'), position: at });
    expect(hoverText(h)).toContain('**Wharfinger**');
    expect(h.range).toEqual({ start: { line: 2, character: 17 }, end: { line: 2, character: 27 } });
    // An edit after the astral characters lands where the editor put it.
    await client.change('clauses/HY/03-signals.md', { start: { line: 2, character: 17 }, end: { line: 2, character: 27 } }, 'Unknown Keeper of [[HY 9.9]]');
    await client.waitFor(() => client.of('clauses/HY/03-signals.md').some((d) => d.code === 'unresolved-reference'));
    expect(client.of('clauses/HY/03-signals.md').find((d) => d.code === 'unresolved-reference')!.range).toEqual({ start: { line: 2, character: 35 }, end: { line: 2, character: 45 } });
  });

  it('reports a reference broken by an edit as the author types, and its repair', async () => {
    const line = positionOf(HY_CLAUSES, '[[HX 4.2]]').line;
    const start = positionOf(HY_CLAUSES, '[[HX 4.2]]', 0, 5);
    await client.change('clauses/HY/02-carried.md', { start, end: { line, character: start.character + 3 } }, '4.9');
    await client.waitFor(() => client.of('clauses/HY/02-carried.md').some((d) => d.code === 'unresolved-reference'));
    const broken = client.of('clauses/HY/02-carried.md').find((d) => d.code === 'unresolved-reference')!;
    expect(broken.message).toContain('HX 4.9');
    expect(broken.range.start).toEqual(positionOf(HY_CLAUSES, '[[HX 4.2]]'));
    await client.change('clauses/HY/02-carried.md', { start, end: { line, character: start.character + 3 } }, '4.2');
    await client.waitFor(() => !client.of('clauses/HY/02-carried.md').some((d) => d.code === 'unresolved-reference'));
  });

  it('ignores files outside the corpus, keeps reporting a file that is not UTF-8, and survives requests it cannot answer', async () => {
    await client.open('notes/README.md', 'Clause 9.9 and [[ZZ 1]].\n');
    await client.open('', 'Outside.\n', 'file:///nowhere/clauses/ZZ/01.md');
    await client.open('clauses/HY/04-latin.md', '## 4 Caf\uFFFD\n\n**4.1** Text.\n');
    expect(await req(HoverRequest.type, { ...doc('notes/README.md'), position: { line: 0, character: 2 } })).toBeNull();
    expect(await req(HoverRequest.type, { textDocument: { uri: 'untitled:Scratch' }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await req(HoverRequest.type, { ...doc('clauses/HY/02-carried.md'), position: { line: 9999, character: 9999 } })).toBeNull();
    expect(await req(DefinitionRequest.type, { ...doc('clauses/HY/02-carried.md'), position: { line: -1, character: -5 } })).toBeNull();
    expect(await req(CompletionRequest.type, { ...doc('clauses/HY/02-carried.md'), position: { line: 0, character: 0 } })).toBeNull();
    await expect(client.connection.sendRequest('regmark/noSuchRequest', {})).rejects.toThrow();
    expect(client.diagnostics.has(client.uri('notes/README.md'))).toBe(false);
    expect(client.diagnostics.has('file:///nowhere/clauses/ZZ/01.md')).toBe(false);
    expect(codes(client.of('clauses/HY/04-latin.md'))).toEqual(['unreadable-file']);
    // Every request at every kind of position, in and out of range, in files of every kind: answers, never failures.
    const files = ['clauses/HY/02-carried.md', 'clauses/HY/03-signals.md', 'clauses/HX/04-moorings.md', 'definitions/HX.md', 'documents/HY.md', 'clauses/HY/04-latin.md', 'clauses/HY/05-huge.md', 'notes/README.md'];
    const positions = [
      { line: 0, character: 0 },
      { line: 2, character: 3 },
      { line: 2, character: 1000 },
      { line: 7, character: 2 },
      { line: 50, character: 0 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
    ];
    for (const path of files) {
      for (const position of positions) {
        const at = { ...doc(path), position };
        await req(HoverRequest.type, at);
        await req(DefinitionRequest.type, at);
        await req(ReferencesRequest.type, { ...at, context: { includeDeclaration: true } });
        await req(CompletionRequest.type, at);
        await req(PrepareRenameRequest.type, at).catch((error: Error) => expect(error.message).toMatch(/Only a defined term can be renamed/));
        await req(CodeActionRequest.type, { ...doc(path), range: { start: position, end: position }, context: { diagnostics: [{ range: { start: position, end: position }, message: 'unknown attribute `x`', code: 'invalid-attribute', source: 'regmark' }, { range: { start: position, end: position }, message: 'x', code: 'dangling-definition', source: 'regmark' }, { range: { start: position, end: position }, message: 'x', code: 'untagged-reference', source: 'regmark' }] } });
      }
      await req(DocumentSymbolRequest.type, doc(path));
    }
    for (const query of ['', ' ', '((', '[[', 'HX 4', '\u0000']) await req(WorkspaceSymbolRequest.type, { query });
    // Still serving.
    const h = await req<unknown, Hover>(HoverRequest.type, { ...doc('clauses/HY/02-carried.md'), position: positionOf(HY_CLAUSES, 'Ledgers') });
    expect(hoverText(h)).toContain('Berth Ledger');
  });
});

describe('regmark lsp with versions, and files changed on disk', () => {
  const v = (id: string, version: string, extra = '') => `---\nid: ${id}\ntitle: Harbour Rules ${id}\nshort-title: HR ${id}\nreference: Rulebook ${id}\nversion: "${version}"\nstatus: designated\nin-force:\n  from: 2019-01-01\n${extra}---\n`;
  const HZ_MANIFEST = v('HZ', '2.0', 'effective: 2026-03-01\nprevious: archive/hz-v1\n');
  let versions: LspClient;

  afterAll(async () => {
    if (versions) expect(await versions.stop()).toBe(0);
  });

  it('shows a diagnostic in an earlier version on the manifest line that names it, and picks up a save from another program', async () => {
    const base = await writeRoot({
      'documents/HX.md': manifest('HX', '  from: 2019-01-01\n  until: 2025-12-31\n'),
      'definitions/HX.md': definitions('HX', '**Anchor Fee** means the charge for a berth.\n'),
      'clauses/HX/01-fees.md': '## 1 Fees\n\n**1.1** Fees are set each year.\n',
      'documents/HZ.md': HZ_MANIFEST,
      'clauses/HZ/01-fees.md': '## 1 Fees\n\n**1.1** No fee is charged.\n',
      // The version HZ v2.0 replaces: it applies until 2026-02-28, and uses a term whose home expires before that.
      'archive/hz-v1/documents/HZ.md': v('HZ', '1.0'),
      'archive/hz-v1/clauses/HZ/01-fees.md': '## 1 Fees\n\n**1.1** The Anchor Fee is paid on arrival.\n',
    });
    versions = await LspClient.start(base, ['--as-at', '2025-06-01', '--no-cache']);
    await versions.waitFor(() => versions.of('documents/HZ.md').length > 0);
    const [d] = versions.of('documents/HZ.md');
    expect(d).toMatchObject({ code: 'dangling-definition', range: { start: positionOf(HZ_MANIFEST, 'previous:') } });
    expect(d!.message).toContain('(in clauses/HZ/01-fees.md:3:13 of v1.0, read from archive/hz-v1)');
    expect(d!.data).toEqual({ date: '2026-01-01' });
    expect(versions.diagnostics.has(versions.uri('clauses/HZ/01-fees.md'))).toBe(false);

    // A file no editor has open, written by another program: its new diagnostics arrive.
    await writeFile(join(base, 'clauses/HZ/01-fees.md'), '## 1 Fees\n\n**1.1** No fee is charged, as [[HX 7.7]] once said.\n');
    await versions.waitFor(() => versions.of('clauses/HZ/01-fees.md').some((x) => x.code === 'unresolved-reference'));
  });
});

describe('regmark lsp starting from the check index', () => {
  let started: LspClient;

  afterAll(async () => {
    if (started) expect(await started.stop()).toBe(0);
  });

  it('shows what the last check found at once, then the session\'s own answer, the same diagnostics', async () => {
    // Without the file too large to read, which the index does not hold (a check of such a root is always full).
    const base = await writeRoot(Object.fromEntries(Object.entries(ROOT).filter(([path]) => path !== 'clauses/HY/05-huge.md')));
    const check = spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/regmark.js', import.meta.url)), 'check', '--root', base, '--as-at', '2025-06-01'], { encoding: 'utf8' });
    expect(check.stdout).toMatch(/checked \d+ documents/);
    started = await LspClient.start(base, ['--as-at', '2025-06-01']);
    const files = ['clauses/HY/02-carried.md', 'clauses/HY/04-latin.md'];
    // Each file is published twice: from the index, then from the session.
    await started.waitFor(() => files.every((p) => started.publications.filter((x) => x.uri === started.uri(p)).length >= 2));
    for (const path of files) {
      const [early, late] = started.publications.filter((x) => x.uri === started.uri(path));
      const facts = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.severity, d.message, d.range.start, d.data ?? null]);
      expect(facts(early!.diagnostics), path).toEqual(facts(late!.diagnostics));
      // The session's answer is what a server without the cache gives.
      expect(facts(late!.diagnostics), path).toEqual(facts(client.of(path)));
    }
  }, 60_000);
});
