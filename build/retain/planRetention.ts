/**
 * Plans a retention: the clause (or range) copied — or moved — into the destination document, numbered in
 * sequence from the destination ID, each copy with `from=`, its references rewritten so they keep their
 * targets, and with `withDefinitions` the terms the copies need carried into the destination's definitions
 * file. The plan is a set of whole-file texts; nothing is written here. Every edit is made on the source
 * text, so what retention does not touch stays byte for byte.
 */
import type { Corpus, DefinitionSymbol, Interval, ProvisionSymbol } from '../model/corpus.js';
import { parseReferenceBody, type ReferenceTarget } from '../model/ids.js';
import { attributeBlock, CLAUSE_ATTRIBUTE_ORDER, compareClauseNumbers, DEFINITION_ATTRIBUTE_ORDER, formatTarget } from '../format/canonical.js';
import { blocksFormatting } from '../format/formatSource.js';
import { clauseBlock, clausesIn, definitionsIn, findClause, findDefinition, footnoteCallsIn, footnotesIn, sectionIn, SourceTrees, type Block, type FootnoteBlock } from './blocks.js';
import { numberSequence, sectionFileName, sectionOf } from './numbers.js';
import { rewriteCopied, rewriteToMoved, targetEdit, type Renumbering } from './references.js';
import { applyEdits, lineEnding, type TextEdit } from './textEdits.js';
import { parseYamlSections } from './manifestSections.js';
import { didYouMean } from '../model/suggest.js';

export interface RetainRequest {
  /** `AL 7.9A`, `AL 7.9A-7.9D`, or a term with its home: `AL GroupID`. */
  source: string;
  /** The number of the first copy (`AM 2B.1.1`); for a term, the destination document (`AM`). */
  to: string;
  move?: boolean;
  withDefinitions?: boolean;
  /** Heading text when the destination section does not exist yet (default: the source section's). */
  sectionTitle?: string;
}

export interface FileChange {
  path: string;
  /** Undefined for a new file. */
  before?: string;
  after: string;
}

export interface RetentionPlan {
  changes: FileChange[];
  copies: Array<{ from: string; to: string }>;
  definitions: Array<{ term: string; from: string; to: string; neededBy: string }>;
  /** References whose target changed, as written before and after; `where` is the copy's ID or the file of a reference elsewhere. */
  references: Array<{ where: string; file: string; offset: number; before: string; after: string }>;
  /** A new section file, when the destination section did not exist. */
  createdSection?: { path: string; number: string; title: string };
  notes: string[];
}

/** Content that retention will not change: the author decides. Exit status 1, nothing written. */
export class RetainRefusal extends Error {}

/** A source or destination document the root does not have: a wrong argument, so a usage error. */
export class UnknownDocumentRefusal extends RetainRefusal {}

const knownDocuments = (corpus: Corpus, doc: string) => {
  const known = [...corpus.documents.keys()].sort();
  return `(known: ${known.join(', ')})${didYouMean(doc, known)}`;
};

function leavesBefore(home: Interval, dest: Interval): boolean {
  return home.until !== undefined && (dest.until === undefined || home.until < dest.until);
}

/**
 * The home to copy `term` from, when every home of it leaves force before `destDoc` does (and the destination
 * does not define it already); undefined when the term needs no copy. The source document's home is preferred,
 * then the home that stays in force longest.
 */
function homeToCarry(corpus: Corpus, term: string, destDoc: string, prefer: string): DefinitionSymbol | undefined {
  const homes = corpus.definitions.get(term) ?? [];
  const dest = corpus.documents.get(destDoc)!;
  if (!homes.length || homes.some((h) => h.home === destDoc || !leavesBefore(h.inForce, dest.inForce))) return undefined;
  return homes.find((h) => h.home === prefer) ?? homes.reduce((best, h) => (h.inForce.until! > best.inForce.until! ? h : best));
}

interface CopyText {
  text: string;
  references: RetentionPlan['references'];
  notes: string[];
}

/** The text of a block with its opening replaced and its references and footnote calls rewritten. */
function copyText(block: Block, opening: string, renumber: Renumbering, labels: Map<string, string>, refsFrom: string): CopyText {
  const edits: TextEdit[] = [];
  const references: RetentionPlan['references'] = [];
  const notes: string[] = [];
  const { text } = block;
  // The opening (number or term, attributes) and the white space after it.
  const rest = text.slice(block.restStart, block.end);
  const gap = /^[ \t]*/.exec(rest)![0];
  const sep = rest.length > gap.length && !/^\r?\n/.test(rest.slice(gap.length)) ? ' ' : '';
  edits.push({ start: block.start, end: block.restStart + gap.length, text: opening + sep });
  for (const ref of block.references) {
    const r = rewriteCopied(ref.target, renumber);
    if (r.note) notes.push(`${refsFrom}: ${r.note}`);
    if (!r.changed) continue;
    const edit = targetEdit(text, ref.offset, r.target);
    references.push({ where: refsFrom, file: block.path, offset: ref.offset, before: `[[${text.slice(edit.start, edit.end)}]]`, after: `[[${edit.text}]]` });
    edits.push(edit);
  }
  for (const call of block.footnotes) {
    const label = labels.get(call.identifier);
    if (label !== undefined && label !== call.label) edits.push({ start: call.start, end: call.end, text: `[^${label}]` });
  }
  const shifted = edits.map((e) => ({ ...e, start: e.start - block.start, end: e.end - block.start }));
  return { text: applyEdits(text.slice(block.start, block.end), shifted), references, notes };
}

/** A footnote definition copied with its label (perhaps renamed) and references rewritten. */
function copyFootnote(source: string, fn: FootnoteBlock, label: string, renumber: Renumbering): string {
  const edits: TextEdit[] = [{ start: fn.start, end: fn.start + 2 + fn.label.length + 1, text: `[^${label}]` }];
  for (const ref of fn.references) {
    const r = rewriteCopied(ref.target, renumber);
    if (r.changed) edits.push(targetEdit(source, ref.offset, r.target));
  }
  return applyEdits(source.slice(fn.start, fn.end), edits.map((e) => ({ ...e, start: e.start - fn.start, end: e.end - fn.start })));
}

function parseSourceId(corpus: Corpus, source: string): { doc: string; target?: ReferenceTarget; term?: string } {
  const m = /^\s*([A-Z][A-Z0-9]*)(?:\s+(.*?))?\s*$/s.exec(source);
  if (!m) throw new RetainRefusal(`\`${source}\` is not a clause ID, a range or a term: expected e.g. "AL 7.9A", "AL 7.9A-7.9D" or "AL GroupID"`);
  const doc = m[1]!;
  if (!corpus.documents.has(doc)) throw new UnknownDocumentRefusal(`no document ${doc} ${knownDocuments(corpus, doc)}`);
  const rest = m[2] ?? '';
  const target = parseReferenceBody(source);
  if (target && target.start !== undefined && target.text === undefined) return { doc, target };
  if (rest && (corpus.definitions.get(rest) ?? []).some((h) => h.home === doc)) return { doc, term: rest };
  throw new RetainRefusal(`\`${source}\` names no clause, range or term of ${doc}`);
}

function provision(corpus: Corpus, id: string): ProvisionSymbol | undefined {
  return corpus.provisions.get(id);
}

export function planRetention(corpus: Corpus, request: RetainRequest): RetentionPlan {
  const trees = new SourceTrees(corpus);
  const parsed = parseSourceId(corpus, request.source);
  const plan: RetentionPlan = { changes: [], copies: [], definitions: [], references: [], notes: [] };
  const edits = new Map<string, TextEdit[]>();
  const newFiles = new Map<string, string>();
  const addEdit = (path: string, edit: TextEdit) => (edits.get(path) ?? edits.set(path, []).get(path)!).push(edit);

  let destDoc: string;
  let renumber: Renumbering;
  /** Terms the copied text uses, with who needs them. */
  const needed: Array<{ term: string; by: string }> = [];

  if (parsed.term !== undefined) {
    // A definition on its own: `regmark retain "AL GroupID" --to AM`.
    destDoc = request.to.trim();
    if (!corpus.documents.has(destDoc)) throw new UnknownDocumentRefusal(`--to ${request.to}: a term is retained into a document; no document ${destDoc} ${knownDocuments(corpus, destDoc)}`);
    if (request.move) throw new RetainRefusal('--move applies to clauses; a definition is copied (its original stays in its home)');
    if ((corpus.definitions.get(parsed.term) ?? []).some((h) => h.home === destDoc)) throw new RetainRefusal(`${destDoc} already defines "${parsed.term}"`);
    renumber = { sourceDoc: parsed.doc, destDoc, numbers: new Map() };
    needed.push({ term: parsed.term, by: `the request` });
  } else {
    const target = parsed.target!;
    const doc = parsed.doc;
    const first = provision(corpus, `${doc} ${target.start}`);
    const last = target.end !== undefined ? provision(corpus, `${doc} ${target.end}`) : first;
    for (const [end, sym] of [[target.start, first], [target.end ?? target.start, last]] as const) {
      if (!sym) throw new RetainRefusal(`${doc} has no clause ${end}`);
      if (sym.record.kind !== 'clause') throw new RetainRefusal(`${sym.id} is a ${sym.record.kind === 'section' ? 'section' : 'sub-paragraph'}; retain copies whole clauses (give a clause or a range of clauses)`);
    }
    if (first!.order > last!.order) throw new RetainRefusal(`${doc} ${target.start} does not come before ${target.end}`);
    const clauses = [...corpus.provisions.values()].filter((p) => p.doc === doc && p.record.kind === 'clause' && p.order >= first!.order && p.order <= last!.order).sort((a, b) => a.order - b.order);
    for (const dup of corpus.duplicates) if (clauses.some((c) => c.id === dup.what)) throw new RetainRefusal(`${dup.what} is defined twice (${dup.file}); fix the duplicate-id first`);

    // Destination: the number of the first copy, the rest in sequence.
    const dest = parseReferenceBody(request.to);
    if (!dest || !dest.doc || dest.start === undefined || dest.end !== undefined || dest.text !== undefined || dest.start.includes('(')) {
      throw new RetainRefusal(`--to ${request.to}: expected the ID of the first copy, e.g. "AM 2B.1.1"`);
    }
    destDoc = dest.doc;
    if (!corpus.documents.has(destDoc)) throw new UnknownDocumentRefusal(`--to ${request.to}: no document ${destDoc} ${knownDocuments(corpus, destDoc)}`);
    const numbers = numberSequence(dest.start, clauses.length);
    renumber = { sourceDoc: doc, destDoc, numbers: new Map(clauses.map((c, i) => [c.record.local, numbers[i]!])) };
    const section = sectionOf(dest.start);
    if (!numbers.every((n) => sectionOf(n) === section)) throw new RetainRefusal(`numbering from ${dest.start} leaves section ${section}`);

    // Refuse to overwrite: no copy (or sub-paragraph of one) may take an existing ID.
    const subIds = (c: ProvisionSymbol, n: string) => [...corpus.provisions.values()].filter((p) => p.clause === c.id && p.id !== c.id).map((p) => `${destDoc} ${n}${p.record.local.slice(c.record.local.length)}`);
    const taken = clauses.flatMap((c, i) => [`${destDoc} ${numbers[i]}`, ...subIds(c, numbers[i]!)]).filter((id) => corpus.provisions.has(id) && !(request.move && clauses.some((c) => c.id === id)));
    if (taken.length) throw new RetainRefusal(`${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''} in ${destDoc}; retain never overwrites an ID (choose another --to)`);

    // The blocks to copy, in document order, with the footnotes they cite.
    const blocks = clauses.map((c) => {
      const b = findClause(trees, c.file, c.record.local);
      if (!b) throw new Error(`clause ${c.id} not found in ${c.file}`);
      const bad = trees.file(c.file)!.diagnostics.find((d) => blocksFormatting(d) && d.offset >= b.start && d.offset < b.end);
      if (bad) throw new RetainRefusal(`${c.id} has a problem to fix first (${bad.code}: ${bad.message})`);
      return { symbol: c, block: b };
    });

    // Where the copies go: after the clause before them in the destination section's file, or into a new file.
    const destSection = provision(corpus, `${destDoc} ${section}`);
    let destPath: string;
    let destText: string | undefined;
    let insert: { at: number; before: boolean } | undefined;
    if (destSection && destSection.record.kind === 'section') {
      destPath = destSection.file;
      destText = trees.text(destPath);
      const tree = trees.tree(destPath);
      const sectionNode = sectionIn(tree, section)!;
      const inSection = clausesIn(tree).filter((c) => sectionNode.children.includes(c));
      const prev = inSection.filter((c) => compareClauseNumbers(c.number, dest.start!) < 0).pop();
      const next = inSection.find((c) => compareClauseNumbers(c.number, dest.start!) > 0);
      if (next && numbers.some((n) => compareClauseNumbers(n, next.number) >= 0)) {
        throw new RetainRefusal(`the copies ${numbers[0]} to ${numbers[numbers.length - 1]} would not fit before ${destDoc} ${next.number}; choose a number that leaves room (e.g. with a letter: ${dest.start}A)`);
      }
      if (prev) insert = { at: clauseBlock(trees, destPath, prev).end, before: false };
      else if (next) insert = { at: next.position!.start.offset!, before: true };
      else {
        const ends = [sectionNode.heading, ...sectionNode.children].map((k) => k.position?.end.offset ?? 0);
        insert = { at: Math.max(...ends), before: false };
      }
    } else {
      const title = request.sectionTitle ?? (first!.record.parent !== undefined ? provision(corpus, `${doc} ${first!.record.parent}`)?.record.title : undefined) ?? 'Retained provisions';
      destPath = `clauses/${destDoc}/${sectionFileName(section, title)}`;
      if (corpus.texts.has(destPath)) throw new RetainRefusal(`${destPath} exists but has no section ${section}`);
      plan.createdSection = { path: destPath, number: section, title };
    }
    const eol = destText !== undefined ? lineEnding(destText) : '\n';

    // Footnotes the copies cite: copied once each (renamed when the destination file already uses the label);
    // a copy into the file that holds the footnote shares it.
    const destLabels = new Set(destText !== undefined ? [...footnotesIn(trees, destPath).keys()] : []);
    const labelFor = new Map<string, Map<string, string>>();
    const footnoteTexts: string[] = [];
    for (const { block } of blocks) {
      const perFile = labelFor.get(block.path) ?? labelFor.set(block.path, new Map()).get(block.path)!;
      for (const call of block.footnotes) {
        if (perFile.has(call.identifier)) continue;
        const fn = footnotesIn(trees, block.path).get(call.identifier);
        if (!fn) continue;
        if (block.path === destPath) {
          perFile.set(call.identifier, fn.label);
          continue;
        }
        let label = fn.label;
        for (let i = 2; destLabels.has(label.toLowerCase()); i++) label = `${fn.label}-${i}`;
        destLabels.add(label.toLowerCase());
        perFile.set(call.identifier, label);
        footnoteTexts.push(copyFootnote(block.text, fn, label, renumber));
      }
    }

    // A move cannot leave a copy pointing at a range whose other end moved with it.
    if (request.move) {
      const split = blocks.flatMap(({ block }, i) => block.references.filter((r) => rewriteCopied(r.target, renumber).note).map((r) => `${destDoc} ${numbers[i]}: [[${formatTarget(r.target)}]] has one end among the moved clauses and one outside`));
      if (split.length) throw new RetainRefusal(`cannot move: ${split.join('; ')}`);
    }
    const copies = blocks.map(({ symbol, block }, i) => {
      const attributes = { ...symbol.record.attributes, from: symbol.id };
      const opening = `**${numbers[i]}**${attributeBlock(attributes, CLAUSE_ATTRIBUTE_ORDER)}`;
      const out = copyText(block, opening, renumber, labelFor.get(block.path) ?? new Map(), `${destDoc} ${numbers[i]}`);
      plan.references.push(...out.references);
      plan.notes.push(...out.notes);
      plan.copies.push({ from: symbol.id, to: `${destDoc} ${numbers[i]}` });
      if (symbol.record.attributes['in-force-from'] || symbol.record.attributes['in-force-until']) {
        plan.notes.push(`${destDoc} ${numbers[i]} keeps ${symbol.id}'s own in-force dates; check they suit ${destDoc}`);
      }
      return out.text.replace(/\r?\n/g, eol);
    });
    const chunk = [...copies, ...footnoteTexts.map((t) => t.replace(/\r?\n/g, eol))].join(eol + eol);
    if (destText === undefined) {
      newFiles.set(destPath, `## ${section} ${plan.createdSection!.title}\n\n${chunk}\n`);
      addManifestSection(corpus, trees, destDoc, destPath, section, addEdit, plan);
    } else {
      addEdit(destPath, { start: insert!.at, end: insert!.at, text: insert!.before ? chunk + eol + eol : eol + eol + chunk });
    }

    // References out of the copies to source clauses that will leave force before the destination does.
    const destInForce = corpus.documents.get(destDoc)!.inForce;
    const copyOf = (block: Block) => `${destDoc} ${numbers[blocks.findIndex((b) => b.block === block)]}`;
    for (const { block } of blocks) {
      for (const ref of block.references) {
        const r = rewriteCopied(ref.target, renumber).target;
        if (r.start === undefined && r.doc === undefined) continue;
        const targetDoc = r.doc ?? destDoc;
        const docSym = corpus.documents.get(targetDoc);
        if (targetDoc !== destDoc && docSym && leavesBefore(docSym.inForce, destInForce)) {
          plan.notes.push(`${copyOf(block)} keeps [[${formatTarget(r)}]], but ${targetDoc} is in force only until ${docSym.inForce.until} and ${destDoc} stays in force after that: \`check\` will report it until the text is changed`);
        }
      }
    }

    // Terms the copies use (sub-paragraphs and footnotes included).
    const copiedIds = new Set(clauses.map((c) => c.id));
    const numberOf = new Map(clauses.map((c, i) => [c.id, `${destDoc} ${numbers[i]}`]));
    for (const use of corpus.uses) {
      if (use.user.kind !== 'provision') continue;
      const owner = corpus.provisions.get(use.user.id)?.clause;
      if (owner && copiedIds.has(owner)) needed.push({ term: use.term, by: numberOf.get(owner)! });
    }

    if (request.move) planMove(corpus, trees, blocks.map((b) => b.block), clauses, renumber, destPath, addEdit, plan);
  }

  if (request.withDefinitions || parsed.term !== undefined) carryDefinitions(corpus, trees, needed, parsed.doc, destDoc, renumber, Boolean(request.withDefinitions), addEdit, newFiles, plan);

  for (const [path, list] of edits) {
    const before = trees.text(path);
    plan.changes.push({ path, before, after: applyEdits(before, list) });
  }
  for (const [path, after] of newFiles) plan.changes.push({ path, after });
  plan.changes.sort((a, b) => (a.path < b.path ? -1 : 1));
  plan.notes = [...new Set(plan.notes)];
  return plan;
}

/** With `--move`: the clauses leave their files, and references to them elsewhere follow them. */
function planMove(corpus: Corpus, trees: SourceTrees, blocks: Block[], clauses: ProvisionSymbol[], renumber: Renumbering, destPath: string, addEdit: (path: string, e: TextEdit) => void, plan: RetentionPlan): void {
  const problems: string[] = [];
  for (const ref of corpus.references) {
    const inMoved = blocks.some((b) => b.path === ref.file && ref.record.offset >= b.start && ref.record.offset < b.end);
    if (inMoved) continue;
    const r = rewriteToMoved(ref.record.target, ref.from.doc, renumber);
    if (r.problem) problems.push(`${ref.file}: ${r.problem}`);
    if (!r.changed) {
      // A range around the moved clauses (not at its ends) silently loses them.
      const [a, b] = ref.targets;
      if (a?.kind === 'provision' && b?.kind === 'provision') {
        const lo = corpus.provisions.get(a.id)!.order;
        const hi = corpus.provisions.get(b.id)!.order;
        if (clauses.some((c) => c.order > lo && c.order < hi)) plan.notes.push(`${ref.file}: [[${ref.record.raw}]] spanned moved clauses and no longer includes them`);
      }
      continue;
    }
    const text = trees.text(ref.file);
    const edit = targetEdit(text, ref.record.offset, r.target);
    plan.references.push({ where: ref.file, file: ref.file, offset: ref.record.offset, before: `[[${text.slice(edit.start, edit.end)}]]`, after: `[[${edit.text}]]` });
    addEdit(ref.file, edit);
  }
  if (problems.length) throw new RetainRefusal(`cannot move: ${problems.join('; ')}`);
  // Remove each clause with the blank lines before it; then footnotes nothing else cites.
  const removed = new Map<string, Array<[number, number]>>();
  for (const b of blocks) {
    let start = b.start;
    while (start > 0 && /\s/.test(b.text[start - 1]!)) start--;
    addEdit(b.path, { start, end: b.end, text: '' });
    (removed.get(b.path) ?? removed.set(b.path, []).get(b.path)!).push([b.start, b.end]);
  }
  for (const [path, spans] of removed) {
    // Footnotes in the destination file stay: the moved clauses still cite them there.
    if (path === destPath) continue;
    const inside = (o: number) => spans.some(([s, e]) => o >= s && o < e);
    const citedElsewhere = new Set(footnoteCallsIn(trees, path).filter((c) => !inside(c.start)).map((c) => c.identifier));
    const citedByMoved = new Set(blocks.filter((b) => b.path === path).flatMap((b) => b.footnotes.map((f) => f.identifier)));
    const text = trees.text(path);
    for (const [id, fn] of footnotesIn(trees, path)) {
      if (!citedByMoved.has(id) || citedElsewhere.has(id)) continue;
      let start = fn.start;
      while (start > 0 && /\s/.test(text[start - 1]!)) start--;
      if (!inside(fn.start)) addEdit(path, { start, end: fn.end, text: '' });
    }
  }
}

/** Copies definitions into the destination's definitions file: the terms needed, and transitively the terms they use. */
function carryDefinitions(
  corpus: Corpus,
  trees: SourceTrees,
  needed: Array<{ term: string; by: string }>,
  sourceDoc: string,
  destDoc: string,
  renumber: Renumbering,
  transitive: boolean,
  addEdit: (path: string, e: TextEdit) => void,
  newFiles: Map<string, string>,
  plan: RetentionPlan,
): void {
  const carried = new Map<string, { home: DefinitionSymbol; by: string }>();
  const queue = [...needed];
  const explicit = needed.length === 1 && needed[0]!.by === 'the request';
  while (queue.length) {
    const { term, by } = queue.shift()!;
    if (carried.has(term)) continue;
    const home = explicit && by === 'the request' ? (corpus.definitions.get(term) ?? []).find((h) => h.home === sourceDoc) : homeToCarry(corpus, term, destDoc, sourceDoc);
    if (!home) continue;
    carried.set(term, { home, by });
    if (!transitive) continue;
    for (const use of corpus.uses) {
      if (use.user.kind === 'definition' && use.user.term === term && use.user.doc === home.home && use.term !== term) queue.push({ term: use.term, by: `the definition of ${term}` });
    }
  }
  if (!carried.size) return;
  const path = `definitions/${destDoc}.md`;
  const exists = corpus.texts.has(path);
  const text = exists ? trees.text(path) : `---\ndocument: ${destDoc}\n---\n`;
  const eol = lineEnding(text);
  const existing = exists ? definitionsIn(trees.tree(path)).map((d) => ({ term: d.term, start: d.position!.start.offset! })) : [];
  const sorted = existing.every((d, i) => i === 0 || existing[i - 1]!.term.localeCompare(d.term, 'en', { sensitivity: 'base' }) <= 0);
  const inserts: Array<{ at: number; text: string; order: string }> = [];
  for (const [term, { home, by }] of [...carried].sort((a, b) => a[0].localeCompare(b[0], 'en', { sensitivity: 'base' }))) {
    const block = findDefinition(trees, home.file, term);
    if (!block) continue;
    const attributes = { ...home.record.attributes, from: home.home };
    const opening = `**${term}**${attributeBlock(attributes, DEFINITION_ATTRIBUTE_ORDER)}`;
    const out = copyText(block, opening, { ...renumber, sourceDoc: home.home }, new Map(), `the definition of ${term}`);
    plan.notes.push(...out.notes);
    plan.definitions.push({ term, from: home.home, to: destDoc, neededBy: by });
    const next = sorted ? existing.find((d) => d.term.localeCompare(term, 'en', { sensitivity: 'base' }) > 0) : undefined;
    inserts.push({ at: next ? next.start : -1, text: out.text.replace(/\r?\n/g, eol), order: term });
  }
  if (!exists) {
    newFiles.set(path, text + inserts.map((i) => i.text).join('\n\n') + '\n');
    return;
  }
  const tail = text.replace(/\s+$/, '').length;
  for (const ins of inserts) {
    if (ins.at >= 0) addEdit(path, { start: ins.at, end: ins.at, text: ins.text + eol + eol });
    else addEdit(path, { start: tail, end: tail, text: (existing.length || tail > 0 ? eol + eol : '') + ins.text });
  }
}

/** When the destination manifest lists its sections, the new file is listed in number order. */
function addManifestSection(corpus: Corpus, trees: SourceTrees, destDoc: string, destPath: string, section: string, addEdit: (path: string, e: TextEdit) => void, plan: RetentionPlan): void {
  const doc = corpus.documents.get(destDoc)!;
  const name = destPath.slice(`clauses/${destDoc}/`.length);
  if (!doc.manifest.sections) {
    // Files are read in name order: say so when the new name does not sort into number order.
    const names = doc.files.filter((f) => f.role === 'clauses').map((f) => ({ name: f.path.slice(`clauses/${destDoc}/`.length), section: f.provisions.find((p) => p.kind === 'section')?.local }));
    const prev = names.filter((n) => n.name < name).pop();
    const next = names.find((n) => n.name > name);
    if ((prev?.section && compareClauseNumbers(prev.section, section) > 0) || (next?.section && compareClauseNumbers(next.section, section) < 0)) {
      plan.notes.push(`${destPath} does not sort into number order among the files of clauses/${destDoc}/; rename it or list the files under \`sections:\` in ${doc.manifestPath}`);
    }
    return;
  }
  const text = trees.text(doc.manifestPath);
  const edit = parseYamlSections(text, (entry) => {
    const file = doc.files.find((f) => f.path === `clauses/${destDoc}/${entry}`);
    return file?.provisions.find((p) => p.kind === 'section')?.local;
  }, section, name);
  if (edit) addEdit(doc.manifestPath, edit);
  else plan.notes.push(`add ${name} to \`sections:\` in ${doc.manifestPath}`);
}
