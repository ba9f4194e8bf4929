/**
 * The timeline: each document's chain of versions placed in time, and the text of earlier versions bound like the
 * working tree's (provisions, definitions, references, term uses) so that the time checks can ask, for any day,
 * which text may apply. A version applies from its `effective` day; inside `[effective, effective-by)` either it or
 * the version it replaces may apply, so both are in the tables with overlapping windows.
 */
import { addDays, intersect, type IsoDate } from '../model/dates.js';
import { splitQualified } from '../model/ids.js';
import type { Corpus, DefinitionSymbol, DocumentSymbol, History, Interval, ProvisionSymbol, ReferenceRecord, ResolvedReference, TermUse, TextRun, UserRef, VersionSymbol } from '../model/corpus.js';
import type { LoadedHistory } from '../parse/loadVersions.js';
import { bindVersionDefinitions, termForms } from './bindDefinitions.js';
import { bindVersionProvisions } from './bindProvisions.js';
import { forEachMatrixRow } from './matrixUsers.js';
import { collectSymbolUses, collectUses, trieOfHomes } from './findTermUses.js';
import { resolveOne, type ReferenceTables } from './resolveReferences.js';

const UNDATED_STATUSES = ['draft', 'consultation'];

export function emptyHistory(): History {
  return { origins: new Map(), texts: new Map(), provisions: [], definitions: new Map(), uses: [], references: [], removedUses: [], problems: [] };
}

/** A draft or consultation version without `effective`: it is checked as if it took effect on the as-at date. */
export function lacksEffectiveDate(doc: DocumentSymbol): boolean {
  const m = doc.manifest;
  return m.effective === undefined && m.status !== undefined && UNDATED_STATUSES.includes(m.status);
}

function versionLabel(v: VersionSymbol): string {
  return `${v.doc} v${v.manifest.version ?? '?'}`;
}

/**
 * Places every document's versions in time (before the working tree is bound, whose windows follow from it) and
 * records problems of the chains. A chain with a problem is not used: its document stands alone, as without
 * `previous`, so that one bad link does not turn into a cascade of time errors.
 */
export function placeVersions(corpus: Corpus, loaded: LoadedHistory | undefined, asAt: IsoDate | undefined): void {
  const history = corpus.history;
  if (loaded) for (const p of loaded.problems) history.problems.push(p);
  for (const doc of corpus.documents.values()) {
    const current = doc.versions[0]!;
    const chain = loaded?.chains.get(doc.code) ?? [];
    // A chain that could not be read stands alone (its problem is already reported): nothing more to check in it.
    if (history.problems.some((p) => p.file === doc.manifestPath)) continue;
    const problemsBefore = history.problems.length;
    const older: VersionSymbol[] = chain
      .slice()
      .reverse()
      .map((v, index) => ({ doc: doc.code, index, manifest: v.manifest, manifestPath: v.manifestPath, ref: v.ref, ...(v.folder !== undefined ? { folder: v.folder } : {}), files: v.files, window: {} }));
    const versions = [...older, current];
    current.index = older.length;
    const undated = lacksEffectiveDate(doc);
    for (const v of versions) {
      const effective = v.manifest.effective ?? (v === current && undated ? asAt : undefined) ?? v.manifest.inForce.from;
      if (effective) v.effective = effective;
      // An undated draft placed on the as-at date may carry an `effective-by` already past: the window closes at once.
      const by = v.manifest.effectiveBy !== undefined && effective !== undefined && v.manifest.effectiveBy < effective ? effective : (v.manifest.effectiveBy ?? effective);
      if (by) v.effectiveBy = by;
    }
    const at = doc.manifest.keyOffsets.previous ?? doc.manifest.offset;
    const seenNumbers = new Map<string, VersionSymbol>();
    for (const v of versions) {
      const number = v.manifest.version;
      const twin = number === undefined ? undefined : seenNumbers.get(number);
      if (twin) history.problems.push({ code: 'invalid-previous', file: doc.manifestPath, offset: at, message: `two versions of ${doc.code} are numbered ${number} (${where(twin)} and ${where(v)}); each version needs its own number` });
      else if (number !== undefined) seenNumbers.set(number, v);
    }
    for (let i = 1; i < versions.length; i++) {
      const [before, after] = [versions[i - 1]!, versions[i]!];
      if (before.effective && after.effective && after.effective < before.effective) {
        history.problems.push({
          code: 'invalid-previous',
          file: doc.manifestPath,
          offset: at,
          message: `${versionLabel(after)} takes effect on ${after.effective}, before ${versionLabel(before)} (${where(before)}), the version it replaces, on ${before.effective}`,
        });
      }
    }
    if (history.problems.length > problemsBefore) continue;
    for (let i = 0; i < versions.length; i++) {
      const v = versions[i]!;
      const next = versions[i + 1];
      v.window = { ...(i > 0 && v.effective ? { from: v.effective } : {}), ...(next?.effectiveBy ? { until: addDays(next.effectiveBy, -1) } : {}) };
    }
    doc.versions = versions;
  }
}

function where(v: VersionSymbol): string {
  return v.ref === undefined ? 'the working tree' : `\`${v.ref}\``;
}

/**
 * Binds the text of every earlier version into `corpus.history`: call after the working tree is bound. A version
 * whose window ends before the as-at date can apply on no evaluation date: only its definitions are bound (for
 * `removed-definition`), not its clauses, references and term uses.
 */
export function bindHistory(corpus: Corpus, loaded: LoadedHistory | undefined, asAt?: IsoDate): void {
  const history = corpus.history;
  if (!loaded) return;
  for (const [key, text] of loaded.texts) history.texts.set(key, text);
  const tables = new Map<VersionSymbol, Map<string, ProvisionSymbol>>();
  for (const doc of corpus.documents.values()) {
    for (const v of doc.versions) {
      if (v.ref === undefined) continue;
      for (const file of v.files) history.origins.set(file.path, { path: file.path.slice(v.ref.length + 1), ref: v.ref, version: v });
      history.origins.set(v.manifestPath, { path: v.manifestPath.slice(v.ref.length + 1), ref: v.ref, version: v });
      const docInForce = intersect(v.manifest.inForce, v.window);
      if (asAt !== undefined && v.window.until !== undefined && v.window.until < asAt) {
        bindVersionDefinitions(doc.code, v.files, docInForce, history.definitions, [], v);
        continue;
      }
      const table = new Map<string, ProvisionSymbol>();
      bindVersionProvisions(doc.code, v.files, docInForce, table, [], 0, v);
      tables.set(v, table);
      for (const p of table.values()) history.provisions.push(p);
      bindVersionDefinitions(doc.code, v.files, docInForce, history.definitions, [], v);
    }
  }
  // Terms only earlier versions define, used by the working tree's text: found whether or not those versions still apply.
  const removed = [...history.definitions].filter(([term]) => !corpus.definitions.has(term)).map(([, homes]) => homes);
  if (removed.length) {
    history.removedUses = collectUses(corpus.files, corpus.provisions.values(), [...corpus.definitions.values()].flat(), trieOfHomes(removed).trie);
  }
  if (!tables.size) return;
  // An earlier version's `[[7.2]]` means its own 7.2; another document's clause is looked up in that document's
  // working tree first, then in its earlier versions, newest first.
  const older = (code: string) => [...(corpus.documents.get(code)?.versions ?? [])].reverse().flatMap((v) => tables.get(v) ?? []);
  // A reference in text the working tree shares resolved there already; it resolves the same way in the earlier
  // version when every clause of its own document that it names is in that version too (ranges are re-checked).
  const before = new Map<ReferenceRecord, ResolvedReference>();
  for (const r of corpus.references) before.set(r.record, r);
  for (const [v, table] of tables) {
    const view: ReferenceTables = {
      hasDocument: (code) => corpus.documents.has(code),
      provision: (id) => {
        const { doc } = splitQualified(id as never);
        if (doc === v.doc) return table.get(id);
        return corpus.provisions.get(id) ?? older(doc).map((t) => t.get(id)).find(Boolean);
      },
    };
    const own = (id: string) => id.charCodeAt(v.doc.length) === 32 && id.startsWith(v.doc);
    const resolve = (record: ReferenceRecord): Pick<ResolvedReference, 'targets' | 'problem'> => {
      const known = before.get(record);
      if (known && !known.problem && known.targets.length === 1 && known.targets.every((t) => t.kind === 'document' || !own(t.id) || table.has(t.id))) return { targets: known.targets };
      return resolveOne(view, record, v.doc);
    };
    const add = (records: ReferenceRecord[], file: string, from: UserRef, fromInForce: Interval) => {
      for (const record of records) history.references.push({ record, file, from, fromInForce, ...resolve(record) });
    };
    for (const p of table.values()) if (p.record.references.length) add(p.record.references, p.file, { kind: 'provision', id: p.id, doc: p.doc, version: v, inForce: p.inForce }, p.inForce);
    const docInForce = intersect(v.manifest.inForce, v.window);
    forEachMatrixRow(v.doc, v.files, docInForce, v, (row, file, from) => add(row.clauses, file.path, from, docInForce));
    for (const homes of history.definitions.values()) {
      for (const d of homes) if (d.version === v && d.record.references.length) add(d.record.references, d.file, { kind: 'definition', term: d.term, doc: d.home, version: v, inForce: d.inForce }, d.inForce);
    }
  }
  history.uses = historyUses(corpus, tables);
}

/**
 * Term uses in earlier versions' text. A file an earlier version shares with the working tree (same text, so the
 * same parsed records) has the working tree's matches, re-attributed to that version's clauses and definitions,
 * unless the earlier versions define forms the working tree does not (then every file is scanned with all forms).
 */
function historyUses(corpus: Corpus, tables: Map<VersionSymbol, Map<string, ProvisionSymbol>>): TermUse[] {
  const pairs = (homes: Iterable<DefinitionSymbol[]>) => [...homes].flat().flatMap((h) => termForms(h).map((f) => `${f}\0${h.term}`));
  const known = new Set(pairs(corpus.definitions.values()));
  const sameForms = pairs(corpus.history.definitions.values()).every((p) => known.has(p));
  const working = new Map(corpus.files.map((f) => [f.path, f]));
  // The working tree's uses by reader: one reader object per clause or definition.
  const usesByUser = new Map<UserRef, TermUse[]>();
  const readerOf = new Map<string, UserRef>();
  if (sameForms) {
    for (const u of corpus.uses) {
      let list = usesByUser.get(u.user);
      if (!list) {
        usesByUser.set(u.user, (list = []));
        readerOf.set(readerKey(u.user), u.user);
      }
      list.push(u);
    }
  }
  const out: TermUse[] = [];
  const scanProvisions: ProvisionSymbol[] = [];
  const scanDefinitions: DefinitionSymbol[] = [];
  const oldDefinitions = [...corpus.history.definitions.values()].flat();
  const byFile = <T extends { file: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const x of list) (map.get(x.file) ?? map.set(x.file, []).get(x.file)!).push(x);
    return map;
  };
  const usesByPath = new Map<string, Map<UserRef, TermUse[]>>();
  for (const [reader, uses] of usesByUser) {
    const path = uses[0]!.file;
    (usesByPath.get(path) ?? usesByPath.set(path, new Map()).get(path)!).set(reader, uses);
  }
  const usesInFile = (path: string) => usesByPath.get(path) ?? new Map<UserRef, TermUse[]>();
  const oldDefinitionIndex = new Map<VersionSymbol, Map<string, DefinitionSymbol>>();
  for (const d of oldDefinitions) (oldDefinitionIndex.get(d.version!) ?? oldDefinitionIndex.set(d.version!, new Map()).get(d.version!)!).set(`${d.home}\0${d.term}`, d);
  const oldDefinitionOf = (v: VersionSymbol, doc: string, term: string) => oldDefinitionIndex.get(v)?.get(`${doc}\0${term}`);
  const provisionsByFile = byFile(corpus.history.provisions);
  const definitionsByFile = byFile(oldDefinitions);
  for (const [v, table] of tables) {
    for (const file of v.files) {
      const path = file.path.slice(v.ref!.length + 1);
      const twin = sameForms ? working.get(path) : undefined;
      if (twin && twin.provisions === file.provisions && twin.definitions === file.definitions) {
        // The working tree's own file (same text, same records): its matches, each re-attributed to this version.
        for (const [reader, uses] of usesInFile(path)) {
          const symbol = reader.kind === 'provision' ? table.get(reader.id) : reader.kind === 'definition' ? oldDefinitionOf(v, reader.doc, reader.term) : undefined;
          if (!symbol || reader.kind === 'paper') continue;
          const user: UserRef = { ...reader, version: v, inForce: symbol.inForce };
          for (const u of uses) out.push({ term: u.term, file: file.path, offset: u.offset, user });
        }
        continue;
      }
      for (const symbol of [...(provisionsByFile.get(file.path) ?? []), ...(definitionsByFile.get(file.path) ?? [])]) {
        const isProvision = 'id' in symbol;
        const current = !twin ? undefined : isProvision ? corpus.provisions.get(symbol.id) : corpus.definitions.get(symbol.term)?.find((h) => h.home === symbol.home);
        // In a changed file, a clause or definition whose text is unchanged has the working tree's matches, moved with the text.
        if (!current || current.file !== path || !sameRuns(current.record.runs, symbol.record.runs)) {
          if (isProvision) scanProvisions.push(symbol);
          else scanDefinitions.push(symbol);
          continue;
        }
        const uses = usesByUser.get(readerOf.get(isProvision ? `p\0${symbol.id}` : `d\0${symbol.home}\0${symbol.term}`)!) ?? [];
        if (!uses.length) continue;
        const user: UserRef = isProvision ? { kind: 'provision', id: symbol.id, doc: symbol.doc, version: v, inForce: symbol.inForce } : { kind: 'definition', term: symbol.term, doc: symbol.home, version: v, inForce: symbol.inForce };
        const from = current.record.runs;
        const to = symbol.record.runs;
        let j = 0;
        for (const u of uses) {
          while (j < from.length - 1 && u.offset >= from[j]!.offset + from[j]!.text.length) j++;
          out.push({ term: u.term, file: file.path, offset: u.offset - from[j]!.offset + to[j]!.offset, user });
        }
      }
    }
  }
  if (scanProvisions.length || scanDefinitions.length) {
    const { trie } = trieOfHomes([...corpus.definitions.values(), ...corpus.history.definitions.values()]);
    for (const u of collectSymbolUses(scanProvisions, scanDefinitions, trie)) out.push(u);
  }
  return out;
}

function readerKey(user: UserRef): string {
  return user.kind === 'provision' ? `p\0${user.id}` : user.kind === 'definition' ? `d\0${user.doc}\0${user.term}` : `c\0${user.doc}`;
}

/** Two records whose scanned text is the same, run for run (a run with a source map is never taken as the same). */
function sameRuns(a: TextRun[], b: TextRun[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.map || b[i]!.map || a[i]!.text !== b[i]!.text) return false;
  return true;
}
