/**
 * What the time checks ask of the versioned tables: on a day, does a user of a term find a home that certainly
 * applies, and is a referenced clause certainly in force? A user's own document is fixed to the user's version
 * (a clause of v16.0 is read with v16.0's definitions); any other document may be in either version inside its
 * designation window, and a home or target counts only if every version that may apply has it.
 */
import { contains, type IsoDate } from '../model/dates.js';
import type { Corpus, DefinitionSymbol, DocumentSymbol, ProvisionSymbol, UserRef, VersionSymbol } from '../model/corpus.js';

export class Timeline {
  private readonly provisionTables = new Map<VersionSymbol, Map<string, ProvisionSymbol>>();
  private readonly homesByTerm = new Map<string, DefinitionSymbol[]>();
  private readonly homeDocs = new Map<string, Map<string, DefinitionSymbol[]>>();
  private readonly possible = new Map<DocumentSymbol, Map<IsoDate, VersionSymbol[]>>();
  readonly versioned: boolean;

  constructor(private readonly corpus: Corpus) {
    for (const p of corpus.history.provisions) {
      let table = this.provisionTables.get(p.version!);
      if (!table) this.provisionTables.set(p.version!, (table = new Map()));
      table.set(p.id, p);
    }
    this.versioned = [...corpus.documents.values()].some((d) => d.versions.length > 1);
  }

  /** A provision of one earlier version, by ID. */
  provisionOf(version: VersionSymbol, id: string): ProvisionSymbol | undefined {
    return this.provisionTables.get(version)?.get(id);
  }

  /** The provision a resolved reference names, as its user reads it: its own version's, else the working tree's, else the newest earlier one. */
  provisionFor(id: string, user: UserRef): ProvisionSymbol | undefined {
    if (user.version && id.charCodeAt(user.doc.length) === 32 && id.startsWith(user.doc)) return this.provisionOf(user.version, id);
    const found = this.corpus.provisions.get(id);
    if (found) return found;
    const doc = this.corpus.documents.get(id.slice(0, id.indexOf(' ')));
    for (const v of [...(doc?.versions ?? [])].reverse()) {
      const p = this.provisionOf(v, id);
      if (p) return p;
    }
    return undefined;
  }

  /** Every home of a term, working tree and earlier versions. */
  homes(term: string): DefinitionSymbol[] {
    let homes = this.homesByTerm.get(term);
    if (!homes) {
      homes = [...(this.corpus.definitions.get(term) ?? []), ...(this.corpus.history.definitions.get(term) ?? [])];
      this.homesByTerm.set(term, homes);
    }
    return homes;
  }

  versionOf(doc: string, version: VersionSymbol | undefined): VersionSymbol | undefined {
    return version ?? this.corpus.documents.get(doc)?.versions.at(-1);
  }

  /** The versions of a document whose text may apply on a day. */
  versionsOn(doc: DocumentSymbol, day: IsoDate): VersionSymbol[] {
    if (doc.versions.length === 1) return doc.versions;
    let byDay = this.possible.get(doc);
    if (!byDay) this.possible.set(doc, (byDay = new Map()));
    let found = byDay.get(day);
    if (!found) byDay.set(day, (found = doc.versions.filter((v) => contains(v.window, day))));
    return found;
  }

  /** A term's homes grouped by document. */
  private homesByDoc(term: string): Map<string, DefinitionSymbol[]> {
    let byDoc = this.homeDocs.get(term);
    if (!byDoc) {
      byDoc = new Map();
      for (const h of this.homes(term)) (byDoc.get(h.home) ?? byDoc.set(h.home, []).get(h.home)!).push(h);
      this.homeDocs.set(term, byDoc);
    }
    return byDoc;
  }

  private readonly cover = new Map<string, { byDoc: Map<string, boolean[]>; count: number[]; others: boolean[] }>();
  /** A document's coverage by the versions and intervals of its homes: most terms' homes look alike, and share one. */
  private readonly coverByHomes = new Map<string, boolean[]>();

  /** On which of `dates` every version of `doc` that may apply has one of `homes` in force. */
  private coveredBy(code: string, doc: DocumentSymbol, homes: DefinitionSymbol[], dates: IsoDate[]): boolean[] {
    let key = code;
    for (const h of homes) key += `\0${this.versionOf(code, h.version)?.index ?? ''}\0${h.inForce.from ?? ''}\0${h.inForce.until ?? ''}`;
    let covered = this.coverByHomes.get(key);
    if (!covered) {
      covered = dates.map((day) => {
        const possible = this.versionsOn(doc, day);
        return possible.length > 0 && possible.every((v) => homes.some((h) => this.versionOf(code, h.version) === v && contains(h.inForce, day)));
      });
      this.coverByHomes.set(key, covered);
    }
    return covered;
  }

  /**
   * On which of `dates` a home of `term` certainly applies for this reader: a home in the reader's own document
   * and version that is in force, or another document all of whose versions that may apply have one in force.
   * Other documents' coverage is worked out once per term, the reader's own document per call.
   */
  housedOn(term: string, user: UserRef, dates: IsoDate[]): boolean[] {
    let cover = this.cover.get(term);
    if (!cover) {
      const byDoc = new Map<string, boolean[]>();
      const count = dates.map(() => 0);
      for (const [code, homes] of this.homesByDoc(term)) {
        const doc = this.corpus.documents.get(code);
        if (!doc) continue;
        const covered = this.coveredBy(code, doc, homes, dates);
        for (let i = 0; i < covered.length; i++) if (covered[i]) count[i]!++;
        byDoc.set(code, covered);
      }
      this.cover.set(term, (cover = { byDoc, count, others: count.map((n) => n > 0) }));
    }
    const own = cover.byDoc.get(user.doc);
    // A reader whose document holds no home of the term finds one wherever another document covers the day.
    if (!own) return cover.others;
    const userVersion = this.versionOf(user.doc, user.version);
    const ownHomes = this.homesByDoc(term).get(user.doc)!.filter((h) => this.versionOf(user.doc, h.version) === userVersion);
    return dates.map((day, i) => cover!.count[i]! - (own[i] ? 1 : 0) > 0 || ownHomes.some((h) => contains(h.inForce, day)));
  }

  /** The clause (or section, or sub-paragraph) `id` certainly applies on `day`, as seen by a user. */
  provisionInForce(target: ProvisionSymbol, day: IsoDate, user: UserRef): boolean {
    if (target.doc === user.doc) return contains(target.inForce, day);
    const doc = this.corpus.documents.get(target.doc);
    if (!doc) return false;
    const possible = this.versionsOn(doc, day);
    return (
      possible.length > 0 &&
      possible.every((v) => {
        const p = v.ref === undefined ? this.corpus.provisions.get(target.id) : this.provisionTables.get(v)?.get(target.id);
        return p !== undefined && contains(p.inForce, day);
      })
    );
  }

  /** A whole document is in force on a day when every version that may apply says so. */
  documentInForce(code: string, day: IsoDate): boolean {
    const doc = this.corpus.documents.get(code);
    if (!doc) return false;
    const possible = this.versionsOn(doc, day);
    return possible.length > 0 && possible.every((v) => contains(v.manifest.inForce, day));
  }

  /**
   * Why a day is uncertain for a user: "if AM v17.0 takes effect as late as 2026-01-12, AM v16.0 still applies
   * on 2026-01-01 and" — for a user in an earlier version inside its successor's window; else a plain prefix.
   */
  userContext(user: UserRef, day: IsoDate): string {
    if (!user.version) return '';
    const doc = this.corpus.documents.get(user.doc);
    const next = doc?.versions[user.version.index + 1];
    const label = `${user.doc} v${user.version.manifest.version ?? '?'}`;
    if (next?.effective && day >= next.effective) return `if ${user.doc} v${next.manifest.version ?? '?'} takes effect as late as ${next.effectiveBy}, ${label} still applies on ${day} and `;
    return `${label}, which applies on ${day}: `;
  }

  /** Documents among `codes` inside a designation window on `day`: related notes pointing at the new version's manifest. */
  windowNotes(codes: Iterable<string>, day: IsoDate): Array<{ file: string; offset: number; message: string }> {
    const notes: Array<{ file: string; offset: number; message: string }> = [];
    for (const code of new Set(codes)) {
      const doc = this.corpus.documents.get(code);
      if (!doc) continue;
      const possible = this.versionsOn(doc, day);
      if (possible.length < 2) continue;
      const [older, newer] = [possible[0]!, possible.at(-1)!];
      notes.push({
        file: newer.manifestPath,
        offset: newer.manifest.keyOffsets['effective-by'] ?? newer.manifest.offset,
        message: `${code} v${newer.manifest.version ?? '?'} may take effect as late as ${newer.effectiveBy}; until then ${code} v${older.manifest.version ?? '?'} may still apply`,
      });
    }
    return notes;
  }
}
