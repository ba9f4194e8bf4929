/**
 * Deterministic generator of SEC-like content roots for the benchmark (FORMAT.md layout).
 *
 * Everything is drawn from a seeded PRNG (mulberry32), so one size always yields byte-identical files.
 * The text is invented filler in a regulatory register; its structure is what matters: sections,
 * clauses with inserted and three-level numbers, sub-paragraphs (a)/(i), GFM tables, footnotes,
 * attributes, defined terms with plural/also forms used throughout, and every form of cross-reference.
 *
 * The corpus is built to check clean on the benchmark's as-at date: a reference or a term use is only
 * written where its target (or one home of the term) is in force for as long as the writer is, from the
 * as-at date on; every home is used by something in force; retained definitions copy their text exactly.
 *
 *   node dist/bench/generateCorpus.js S|L [outDir]
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const BENCH_AS_AT = '2026-01-15';
export const GENERATOR_VERSION = 'regmark-bench-corpus-1';
/** A generated root carries this file, so the generator only ever deletes what it wrote. */
export const MARKER_FILE = '.regmark-bench-corpus';

export type SizeName = 'S' | 'L';

interface Interval {
  from?: string;
  until?: string;
}

// ---------------------------------------------------------------------------------------------
// PRNG

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Inclusive. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Biased towards the front of the array: a few items are very common, most are rare. */
  skewed<T>(items: readonly T[], power = 2): T {
    return items[Math.floor(Math.pow(this.next(), power) * items.length)]!;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

function seedOf(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0001')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Specifications

interface DocSpec {
  code: string;
  title: string;
  shortTitle: string;
  reference: string;
  version: string;
  status: 'designated' | 'consultation' | 'draft';
  inForce: Interval;
  /** Share of the clause words. */
  weight: number;
  /** Clause files (one section each). */
  files: number;
  /** Terms whose (original) home is this document. */
  terms: number;
  /** Share of this document's terms also defined, with identical text, in `retainIn`. */
  retainIn?: string;
  retainShare?: number;
}

interface SizeSpec {
  name: SizeName;
  seed: string;
  words: number;
  /** Mean words per clause, used to plan clause numbers before text is written. */
  clauseWords: number;
  docs: DocSpec[];
}

const SIZE_S: SizeSpec = {
  name: 'S',
  seed: 'regmark-bench-S',
  words: 100_000,
  clauseWords: 120,
  docs: [
    { code: 'AK', title: 'Meter Asset Exchange Procedures', shortTitle: 'MAEP', reference: 'SEC Appendix AK', version: '7.0', status: 'designated', inForce: { from: '2020-11-05' }, weight: 1, files: 10, terms: 150 },
  ],
};

const SIZE_L: SizeSpec = {
  name: 'L',
  seed: 'regmark-bench-L',
  words: 2_500_000,
  clauseWords: 120,
  docs: [
    { code: 'A', title: 'Definitions and Interpretation', shortTitle: 'Section A', reference: 'SEC Section A', version: '41.0', status: 'designated', inForce: { from: '2013-09-23' }, weight: 1.0, files: 3, terms: 900 },
    { code: 'B', title: 'Accession and Party Status', shortTitle: 'Section B', reference: 'SEC Section B', version: '12.0', status: 'designated', inForce: { from: '2013-09-23' }, weight: 0.6, files: 2, terms: 0 },
    { code: 'D', title: 'Change Control and Modification', shortTitle: 'Section D', reference: 'SEC Section D', version: '18.0', status: 'designated', inForce: { from: '2013-09-23' }, weight: 1.0, files: 3, terms: 60 },
    { code: 'E', title: 'Registration Data Exchange', shortTitle: 'Section E', reference: 'SEC Section E', version: '9.0', status: 'designated', inForce: { from: '2014-03-31' }, weight: 0.8, files: 2, terms: 0 },
    { code: 'F', title: 'Device Assurance and Certification', shortTitle: 'Section F', reference: 'SEC Section F', version: '15.0', status: 'designated', inForce: { from: '2014-03-31' }, weight: 0.8, files: 2, terms: 40 },
    { code: 'G', title: 'Security Controls', shortTitle: 'Section G', reference: 'SEC Section G', version: '22.0', status: 'designated', inForce: { from: '2014-06-30' }, weight: 1.4, files: 4, terms: 120 },
    { code: 'H', title: 'Core Communication Services', shortTitle: 'Section H', reference: 'SEC Section H', version: '30.0', status: 'designated', inForce: { from: '2014-06-30' }, weight: 1.6, files: 4, terms: 150 },
    { code: 'I', title: 'Data Privacy Controls', shortTitle: 'Section I', reference: 'SEC Section I', version: '6.0', status: 'designated', inForce: { from: '2015-01-31' }, weight: 0.6, files: 2, terms: 0 },
    { code: 'L', title: 'Key Infrastructure', shortTitle: 'Section L', reference: 'SEC Section L', version: '19.0', status: 'designated', inForce: { from: '2015-01-31' }, weight: 1.4, files: 3, terms: 120 },
    { code: 'M', title: 'General Provisions', shortTitle: 'Section M', reference: 'SEC Section M', version: '8.0', status: 'designated', inForce: { from: '2013-09-23' }, weight: 0.8, files: 2, terms: 30 },
    { code: 'AB', title: 'Service Request Processing Document', shortTitle: 'SRPD', reference: 'SEC Appendix AB', version: '14.0', status: 'designated', inForce: { from: '2016-11-01' }, weight: 1.2, files: 3, terms: 90 },
    { code: 'AC', title: 'Inventory and Enrolment Procedures', shortTitle: 'IEP', reference: 'SEC Appendix AC', version: '9.0', status: 'designated', inForce: { from: '2017-06-21' }, weight: 0.8, files: 2, terms: 50 },
    { code: 'AD', title: 'Incident Management Policy', shortTitle: 'IMP', reference: 'SEC Appendix AD', version: '11.0', status: 'designated', inForce: { from: '2016-11-01' }, weight: 0.8, files: 2, terms: 60 },
    { code: 'AG', title: 'Threshold Anomaly Procedures', shortTitle: 'TAP', reference: 'SEC Appendix AG', version: '5.0', status: 'designated', inForce: { from: '2017-02-14' }, weight: 0.5, files: 2, terms: 30 },
    { code: 'AH', title: 'Release Management Policy', shortTitle: 'RMP', reference: 'SEC Appendix AH', version: '6.0', status: 'designated', inForce: { from: '2017-02-14' }, weight: 0.5, files: 2, terms: 30 },
    // Expired before the as-at date: nothing in force may lean on it; its terms live on in AM.
    { code: 'AL', title: 'Transition and Migration Approach', shortTitle: 'TMA', reference: 'SEC Appendix AL', version: '29.0', status: 'designated', inForce: { from: '2018-12-05', until: '2025-12-31' }, weight: 1.2, files: 3, terms: 120, retainIn: 'AM', retainShare: 0.6 },
    { code: 'AM', title: 'Transition Supporting Requirements', shortTitle: 'TSR', reference: 'SEC Appendix AM', version: '17.0', status: 'consultation', inForce: { from: '2019-06-21' }, weight: 1.0, files: 3, terms: 60 },
    // Expires after the as-at date: an evaluation date the checker must look ahead to.
    { code: 'AN', title: 'Interim Gateway Arrangements', shortTitle: 'IGA', reference: 'SEC Appendix AN', version: '4.0', status: 'designated', inForce: { from: '2020-04-01', until: '2026-09-30' }, weight: 0.8, files: 2, terms: 80, retainIn: 'AM', retainShare: 0.7 },
    { code: 'AO', title: 'Pilot Arrangements', shortTitle: 'Pilot Arrangements', reference: 'SEC Appendix AO', version: '3.0', status: 'designated', inForce: { from: '2018-01-15', until: '2024-03-31' }, weight: 0.5, files: 2, terms: 40 },
    // Enters force after the as-at date.
    { code: 'AP', title: 'Next Generation Network Arrangements', shortTitle: 'NGNA', reference: 'SEC Appendix AP', version: '1.0', status: 'draft', inForce: { from: '2026-04-01' }, weight: 0.6, files: 2, terms: 60 },
  ],
};

export const SIZES: Record<SizeName, SizeSpec> = { S: SIZE_S, L: SIZE_L };

// ---------------------------------------------------------------------------------------------
// Vocabulary (invented; capitalised words appear only in terms, headings and sentence openings)

const TERM_MODS = [
  'Access', 'Alert', 'Asset', 'Authorisation', 'Balance', 'Billing', 'Capacity', 'Commissioning', 'Communications', 'Compliance',
  'Configuration', 'Connection', 'Consumer', 'Credential', 'Data', 'Device', 'Dispute', 'Enrolment', 'Exception', 'Export',
  'Firmware', 'Gateway', 'Incident', 'Import', 'Installation', 'Key', 'Load', 'Maintenance', 'Meter', 'Migration',
  'Network', 'Notification', 'Operational', 'Performance', 'Premises', 'Recovery', 'Registration', 'Release', 'Remote', 'Reporting',
  'Resilience', 'Security', 'Settlement', 'Supply', 'System', 'Tariff', 'Testing', 'Transition', 'Validation', 'Warrant',
];
const TERM_HEADS = [
  'Agreement', 'Arrangement', 'Assessment', 'Authority', 'Body', 'Catalogue', 'Category', 'Certificate', 'Code', 'Committee',
  'Date', 'Direction', 'Document', 'Event', 'Framework', 'Group', 'Guidance', 'Identifier', 'Instruction', 'Interface',
  'List', 'Log', 'Manager', 'Model', 'Notice', 'Operator', 'Party', 'Period', 'Plan', 'Policy',
  'Procedure', 'Process', 'Profile', 'Provider', 'Record', 'Register', 'Report', 'Request', 'Requirement', 'Response',
  'Schedule', 'Scheme', 'Service', 'Specification', 'Standard', 'Statement', 'Strategy', 'Table', 'Window', 'Matrix',
];
const TERM_QUALIFIERS = ['Interim', 'Enduring', 'Transitional', 'Legacy', 'Alternative', 'Default', 'Standard', 'Smart'];
const TERM_OF = ['Change', 'Supply', 'Transfer', 'Appointment', 'Termination', 'Suspension', 'Withdrawal', 'Default', 'Completion', 'Acceptance'];
const TERM_SUFFIX = ['ID', 'Ref', 'Set', 'Seq'];

const NOUNS = [
  'arrangement', 'assessment', 'change', 'communication', 'condition', 'decision', 'delay', 'description', 'determination', 'direction',
  'evidence', 'failure', 'information', 'instruction', 'matter', 'measure', 'method', 'notification', 'obligation', 'outcome',
  'proposal', 'reason', 'record', 'request', 'requirement', 'response', 'review', 'right', 'schedule', 'step',
  'timetable', 'update', 'variation', 'version', 'estimate', 'forecast', 'document', 'copy', 'summary', 'extension',
];
const VERBS = [
  'provide', 'maintain', 'publish', 'review', 'notify', 'record', 'retain', 'update', 'submit', 'verify',
  'approve', 'consider', 'confirm', 'implement', 'monitor', 'assess', 'amend', 'withdraw', 'suspend', 'restore',
  'process', 'reject', 'accept', 'test', 'report', 'escalate', 'investigate', 'resolve', 'document', 'share',
];
const ADJECTIVES = [
  'reasonable', 'relevant', 'applicable', 'appropriate', 'material', 'complete', 'accurate', 'current', 'affected', 'responsible',
  'necessary', 'separate', 'subsequent', 'prior', 'proportionate', 'sufficient', 'consistent', 'available', 'valid', 'secure',
];
const PREPOSITIONS = ['in respect of', 'in relation to', 'on behalf of', 'for the benefit of', 'in connection with', 'with regard to'];
const PERIODS = ['five working days', 'ten working days', 'one month', 'three months', '20 working days', '48 hours', '30 days', 'two working days', 'six months', '24 hours'];
const INTERVALS = ['month', 'quarter', 'year', 'six-month period', 'calendar month'];
const LINK_TEXTS = ['that clause', 'the relevant provision', 'the process described there', 'those requirements', 'the arrangements in that document', 'this clause'];
const HEADING_WORDS = ['Arrangements', 'Obligations', 'Procedures', 'Requirements', 'Provisions', 'Controls', 'Services', 'Matters', 'Principles', 'Responsibilities'];
const SUBHEADINGS = ['General', 'Notifications', 'Timescales', 'Records and reporting', 'Exceptions', 'Charges', 'Disputes', 'Transitional matters', 'Assurance', 'Publication'];
const KINDS = ['obligation', 'obligation', 'obligation', 'right', 'procedure', 'procedure', 'note', 'variation', 'definition'];

/** Past participle and third person of a base verb. */
function pastParticiple(v: string): string {
  if (v === 'submit') return 'submitted';
  if (v.endsWith('e')) return v + 'd';
  if (/[^aeiou]y$/.test(v)) return v.slice(0, -1) + 'ied';
  return v + 'ed';
}
function thirdPerson(v: string): string {
  if (/[^aeiou]y$/.test(v)) return v.slice(0, -1) + 'ies';
  if (/(s|sh|ch|x)$/.test(v)) return v + 'es';
  return v + 's';
}
function pluralWord(w: string): string {
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
  if (/(s|x|ch|sh)$/.test(w)) return w + 'es';
  return w + 's';
}
function pluralTerm(term: string): string {
  const of = term.indexOf(' of ');
  if (of > 0) {
    const head = term.slice(0, of);
    const space = head.lastIndexOf(' ');
    return head.slice(0, space + 1) + pluralWord(head.slice(space + 1)) + term.slice(of);
  }
  const space = term.lastIndexOf(' ');
  return term.slice(0, space + 1) + pluralWord(term.slice(space + 1));
}

// ---------------------------------------------------------------------------------------------
// Plan

interface TermPlan {
  term: string;
  plural?: string;
  also: string[];
  /** Document codes; the first is the original home. */
  homes: string[];
  /** Definition text (shared by every home, so retained copies never conflict). */
  text?: string;
  /** Term uses and references in `text`. */
  uses?: number;
  references?: Record<string, number>;
}

interface SubPlan {
  label: string;
  children: string[];
}

interface ClausePlan {
  num: string;
  own: Interval;
  /** In force from the as-at date on: intersect(document, own) clipped at the as-at date. */
  eff: Interval | 'never';
  kind?: string;
  from?: string;
  subs: SubPlan[];
  shape: 'plain' | 'list' | 'table' | 'multi';
  footnote: boolean;
  headingBefore?: string;
  words: number;
}

interface FilePlan {
  name: string;
  section: string;
  title: string;
  words: number;
  clauses: ClausePlan[];
  /** Clauses whose interval is the document's own, in document order: safe range ends. */
  open: ClausePlan[];
  intro: boolean;
  wrap: boolean;
}

interface DocPlan {
  spec: DocSpec;
  eff: Interval | 'never';
  files: FilePlan[];
  open: ClausePlan[];
  withSubs: ClausePlan[];
  /** Terms homed here (original or retained). */
  terms: TermPlan[];
  mustUse: TermPlan[];
  allNumbers: string[];
}

interface Plan {
  size: SizeSpec;
  docs: DocPlan[];
  byCode: Map<string, DocPlan>;
  terms: TermPlan[];
  /** All terms in popularity order. */
  popular: TermPlan[];
}

function effective(interval: Interval): Interval | 'never' {
  if (interval.until !== undefined && interval.until < BENCH_AS_AT) return 'never';
  const from = interval.from === undefined || interval.from < BENCH_AS_AT ? BENCH_AS_AT : interval.from;
  if (interval.until !== undefined && from > interval.until) return 'never';
  return { from, ...(interval.until !== undefined ? { until: interval.until } : {}) };
}

function intersect(a: Interval, b: Interval): Interval {
  const from = a.from === undefined ? b.from : b.from === undefined ? a.from : a.from > b.from ? a.from : b.from;
  const until = a.until === undefined ? b.until : b.until === undefined ? a.until : a.until < b.until ? a.until : b.until;
  return { ...(from ? { from } : {}), ...(until ? { until } : {}) };
}

/** Is `target` in force on every evaluation day on which `user` is? */
function covers(target: Interval | 'never', user: Interval | 'never'): boolean {
  if (user === 'never') return true;
  if (target === 'never') return false;
  if (target.from !== undefined && target.from > user.from!) return false;
  if (target.until !== undefined && (user.until === undefined || target.until < user.until)) return false;
  return true;
}

function effKey(e: Interval | 'never'): string {
  return e === 'never' ? 'never' : `${e.from ?? ''}/${e.until ?? ''}`;
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function makeTerms(size: SizeSpec, rng: Rng): TermPlan[] {
  const total = size.docs.reduce((n, d) => n + d.terms, 0);
  const taken = new Set<string>(size.docs.flatMap((d) => [d.code, d.shortTitle]));
  taken.add('SEC');
  const terms: TermPlan[] = [];
  let guard = 0;
  while (terms.length < total && guard++ < total * 50) {
    const r = rng.next();
    let term: string;
    if (r < 0.52) term = `${rng.pick(TERM_MODS)} ${rng.pick(TERM_HEADS)}`;
    else if (r < 0.78) {
      const a = rng.pick(TERM_MODS);
      let b = rng.pick(TERM_MODS);
      while (b === a) b = rng.pick(TERM_MODS);
      term = `${a} ${b} ${rng.pick(TERM_HEADS)}`;
    } else if (r < 0.86) term = `${rng.pick(TERM_HEADS)} of ${rng.pick(TERM_OF)}`;
    else if (r < 0.93) term = `${rng.pick(TERM_QUALIFIERS)} ${rng.pick(TERM_MODS)} ${rng.pick(TERM_HEADS)}`;
    else term = `${rng.pick(TERM_MODS)}${rng.pick(TERM_SUFFIX)}`;
    if (taken.has(term)) continue;
    const plan: TermPlan = { term, also: [], homes: [] };
    const words = term.split(' ');
    if (words.length > 1 && rng.chance(0.45)) {
      const p = pluralTerm(term);
      if (!taken.has(p)) plan.plural = p;
    }
    if (words.length >= 3 && !term.includes(' of ') && rng.chance(0.3)) {
      const acronym = words.map((w) => w[0]).join('');
      if (!taken.has(acronym)) plan.also.push(acronym);
    }
    for (const [uk, us] of [['Enrolment', 'Enrollment'], ['Authorisation', 'Authorization']] as const) {
      if (term.includes(uk) && rng.chance(0.5)) {
        const variant = term.replace(uk, us);
        if (!taken.has(variant)) plan.also.push(variant);
      }
    }
    // Every form must belong to one term only: a clash would make the trie give it to the first.
    const forms = [term, ...(plan.plural ? [plan.plural] : []), ...plan.also];
    if (new Set(forms).size !== forms.length || forms.some((f) => taken.has(f))) continue;
    for (const f of forms) taken.add(f);
    terms.push(plan);
  }
  return terms;
}

function planSize(size: SizeSpec): Plan {
  const rng = new Rng(seedOf(size.seed, 'plan'));
  const terms = makeTerms(size, rng);
  const docs: DocPlan[] = [];
  const byCode = new Map<string, DocPlan>();
  for (const spec of size.docs) {
    const doc: DocPlan = { spec, eff: effective(spec.inForce), files: [], open: [], withSubs: [], terms: [], mustUse: [], allNumbers: [] };
    docs.push(doc);
    byCode.set(spec.code, doc);
  }
  // Homes: terms handed out in order; retained copies added to the retaining document.
  let next = 0;
  for (const doc of docs) {
    for (let i = 0; i < doc.spec.terms && next < terms.length; i++) {
      const t = terms[next++]!;
      t.homes.push(doc.spec.code);
      doc.terms.push(t);
    }
  }
  for (const doc of docs) {
    if (!doc.spec.retainIn) continue;
    const keeper = byCode.get(doc.spec.retainIn)!;
    for (const t of doc.terms) {
      if (rng.chance(doc.spec.retainShare ?? 0)) {
        t.homes.push(keeper.spec.code);
        keeper.terms.push(t);
      }
    }
  }
  for (const doc of docs) doc.mustUse = rng.shuffle([...doc.terms]);

  // Sections and clause numbers.
  const definitionWords = terms.reduce((n, t) => n + 45 * t.homes.length, 0);
  const clauseWords = Math.max(0, size.words - definitionWords);
  const totalWeight = size.docs.reduce((n, d) => n + d.weight, 0);
  for (const doc of docs) {
    const docRng = new Rng(seedOf(size.seed, 'doc', doc.spec.code));
    const docWords = (clauseWords * doc.spec.weight) / totalWeight;
    const shares = Array.from({ length: doc.spec.files }, () => 0.7 + docRng.next() * 0.6);
    const shareSum = shares.reduce((a, b) => a + b, 0);
    let sectionNo = 0;
    let inserted = false;
    const usedTitles = new Set<string>();
    for (let f = 0; f < doc.spec.files; f++) {
      // Now and then an inserted section (2A) after the first.
      let section: string;
      let fileNo: string;
      if (f > 0 && !inserted && docRng.chance(0.15)) {
        inserted = true;
        section = `${sectionNo}A`;
        fileNo = `${String(sectionNo).padStart(2, '0')}a`;
      } else {
        inserted = false;
        sectionNo += docRng.between(1, 3);
        section = String(sectionNo);
        fileNo = String(sectionNo).padStart(2, '0');
      }
      let title = '';
      do title = `${docRng.pick(TERM_MODS)} ${docRng.pick(HEADING_WORDS)}`;
      while (usedTitles.has(title));
      usedTitles.add(title);
      const words = (docWords * shares[f]!) / shareSum;
      const file: FilePlan = { name: `${fileNo}-${slugify(title)}.md`, section, title, words, clauses: [], open: [], intro: docRng.chance(0.4), wrap: docRng.chance(0.7) };
      const count = Math.max(3, Math.round(words / size.clauseWords));
      const lower = docRng.chance(0.3);
      let base = 0;
      const push = (num: string) => {
        const c = planClause(doc, num, docRng, size);
        file.clauses.push(c);
      };
      while (file.clauses.length < count) {
        base++;
        push(`${section}.${base}`);
        if (docRng.chance(0.05)) {
          const n = docRng.between(2, 5);
          for (let j = 1; j <= n; j++) push(`${section}.${base}.${j}`);
        } else if (docRng.chance(0.04)) {
          const n = docRng.between(1, 4);
          for (let j = 0; j < n; j++) push(`${section}.${base}${lower ? LETTERS[j] : LETTERS[j]!.toUpperCase()}`);
        }
      }
      for (const c of file.clauses) {
        if (docRng.chance(0.03)) c.headingBefore = docRng.pick(SUBHEADINGS);
        if (c.eff !== 'never' && effKey(c.eff) === effKey(doc.eff)) {
          file.open.push(c);
          doc.open.push(c);
          if (c.subs.length) doc.withSubs.push(c);
        } else if (doc.eff === 'never') {
          // An expired document's clauses refer freely among themselves.
          file.open.push(c);
          doc.open.push(c);
          if (c.subs.length) doc.withSubs.push(c);
        }
        doc.allNumbers.push(c.num);
      }
      doc.files.push(file);
    }
  }
  const popular = rng.shuffle([...terms]);
  const plan: Plan = { size, docs, byCode, terms, popular };
  return plan;
}

function planClause(doc: DocPlan, num: string, rng: Rng, size: SizeSpec): ClausePlan {
  const own: Interval = {};
  const r = rng.next();
  if (r < 0.012) own.until = rng.pick(['2026-06-30', '2027-03-31']);
  else if (r < 0.02) own.from = rng.pick(['2026-07-01', '2026-10-01']);
  else if (r < 0.03) own.until = '2024-12-31';
  else if (r < 0.035) Object.assign(own, { from: '2026-03-01', until: '2026-12-31' });
  const eff = effective(intersect(doc.spec.inForce, own));
  const s = rng.next();
  const shape: ClausePlan['shape'] = s < 0.24 ? 'list' : s < 0.27 ? 'table' : s < 0.37 ? 'multi' : 'plain';
  const subs: SubPlan[] = [];
  if (shape === 'list') {
    const n = rng.between(2, 6);
    for (let i = 0; i < n; i++) {
      const children: string[] = [];
      if (rng.chance(0.15)) for (let j = 0, m = rng.between(2, 4); j < m; j++) children.push(ROMAN[j]!);
      subs.push({ label: LETTERS[i]!, children });
    }
  }
  const clause: ClausePlan = { num, own, eff, subs, shape, footnote: rng.chance(0.08), words: 25 + Math.floor(Math.pow(rng.next(), 1.5) * (size.clauseWords - 40) * 2.5) };
  if (rng.chance(0.6)) clause.kind = rng.pick(KINDS);
  return clause;
}

// ---------------------------------------------------------------------------------------------
// Text

interface WriteContext {
  plan: Plan;
  doc: DocPlan;
  rng: Rng;
  /** When the writer is in force, from the as-at date on. */
  eff: Interval | 'never';
  /** Inside a GFM table cell: `|` is written `\|`. */
  inTable: boolean;
  /** Every reference names its document (text that is copied into another document). */
  qualifiedOnly: boolean;
  /** A term the writer must not use (the one being defined). */
  exclude?: TermPlan;
  /** Draw from the document's must-use queue (writer in force whenever the document is). */
  drain: boolean;
  stats: Stats;
}

export interface Stats {
  words: number;
  clauses: number;
  sections: number;
  subParagraphs: number;
  definitions: number;
  terms: number;
  termUses: number;
  references: Record<string, number>;
  tables: number;
  footnotes: number;
  files: number;
  bytes: number;
}

const usableCache = new Map<string, TermPlan[]>();
const coveringCache = new Map<string, DocPlan[]>();

function usableTerms(plan: Plan, eff: Interval | 'never'): TermPlan[] {
  const key = plan.size.name + effKey(eff);
  let list = usableCache.get(key);
  if (!list) {
    list = plan.popular.filter((t) => t.homes.some((h) => covers(plan.byCode.get(h)!.eff, eff)));
    usableCache.set(key, list);
  }
  return list;
}

function coveringDocs(plan: Plan, eff: Interval | 'never'): DocPlan[] {
  const key = plan.size.name + effKey(eff);
  let list = coveringCache.get(key);
  if (!list) {
    list = plan.docs.filter((d) => d.open.length > 0 && covers(d.eff, eff));
    coveringCache.set(key, list);
  }
  return list;
}

function pickTermPlan(ctx: WriteContext): TermPlan {
  const { rng, doc } = ctx;
  if (ctx.drain && doc.mustUse.length && rng.chance(0.5)) {
    const t = doc.mustUse.pop()!;
    if (t !== ctx.exclude) return t;
  }
  const usable = usableTerms(ctx.plan, ctx.eff);
  for (let attempt = 0; attempt < 4; attempt++) {
    let t: TermPlan;
    if (rng.chance(0.4) && doc.terms.length) {
      t = rng.skewed(doc.terms, 1.5);
      if (!t.homes.some((h) => covers(ctx.plan.byCode.get(h)!.eff, ctx.eff))) continue;
    } else t = rng.skewed(usable, 2.2);
    if (t !== ctx.exclude) return t;
  }
  return usable.find((t) => t !== ctx.exclude)!;
}

function termForm(ctx: WriteContext, wantPlural: boolean): string {
  const t = pickTermPlan(ctx);
  ctx.stats.termUses++;
  if (t.also.length && ctx.rng.chance(0.12)) return ctx.rng.pick(t.also);
  if (wantPlural && t.plural) return t.plural;
  return t.term;
}

function reference(ctx: WriteContext): string {
  const { rng, plan, doc } = ctx;
  const bar = ctx.inTable ? '\\|' : '|';
  const others = coveringDocs(plan, ctx.eff).filter((d) => d !== doc);
  const localOk = !ctx.qualifiedOnly || covers(doc.eff, ctx.eff);
  const localTarget = localOk && doc.open.length > 0;
  let target: DocPlan;
  let qualify: boolean;
  const r = rng.next();
  if (localTarget && (others.length === 0 || r < 0.55)) {
    target = doc;
    qualify = ctx.qualifiedOnly || rng.chance(0.1);
  } else if (others.length) {
    // Section A and the big sections are cited most.
    target = rng.skewed(others, 1.6);
    qualify = true;
  } else return `[[${doc.spec.code}]]`;
  const code = target.spec.code;
  const prefix = qualify ? `${code} ` : '';
  const k = rng.next();
  const count = (name: string) => (ctx.stats.references[name] = (ctx.stats.references[name] ?? 0) + 1);
  if (k < 0.5) {
    count('clause');
    return `[[${prefix}${rng.pick(target.open).num}]]`;
  }
  if (k < 0.6) {
    const files = target.files.filter((f) => f.open.length >= 2);
    if (files.length) {
      const f = rng.pick(files);
      const i = rng.int(f.open.length - 1);
      const j = Math.min(f.open.length - 1, i + rng.between(1, 6));
      const dash = rng.chance(0.3) ? '\u2013' : '-';
      const sp = rng.chance(0.15) ? ' ' : '';
      count('range');
      return `[[${prefix}${f.open[i]!.num}${sp}${dash}${sp}${f.open[j]!.num}]]`;
    }
  }
  if (k < 0.7 && target.withSubs.length) {
    const c = rng.pick(target.withSubs);
    const sub = rng.pick(c.subs);
    const nested = sub.children.length && rng.chance(0.4) ? `(${rng.pick(sub.children)})` : '';
    count('sub-paragraph');
    return `[[${prefix}${c.num}(${sub.label})${nested}]]`;
  }
  if (k < 0.8) {
    count('section');
    return `[[${prefix}${rng.pick(target.files).section}]]`;
  }
  if (k < 0.9) {
    count('document');
    return `[[${code}]]`;
  }
  count('custom-text');
  return `[[${prefix}${rng.pick(target.open).num}${bar}${rng.pick(LINK_TEXTS)}]]`;
}

function fill(template: string, ctx: WriteContext): string {
  const { rng } = ctx;
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'T':
        return termForm(ctx, false);
      case 'Tp':
        return termForm(ctx, true);
      case 'R':
        return reference(ctx);
      case 'n':
        return rng.pick(NOUNS);
      case 'v':
        return rng.pick(VERBS);
      case 'v3':
        return thirdPerson(rng.pick(VERBS));
      case 'vpp':
        return pastParticiple(rng.pick(VERBS));
      case 'adj':
        return rng.pick(ADJECTIVES);
      case 'prep':
        return rng.pick(PREPOSITIONS);
      case 'period':
        return rng.pick(PERIODS);
      case 'interval':
        return rng.pick(INTERVALS);
      default:
        throw new Error(`unknown slot ${slot}`);
    }
  });
}

const SENTENCES = [
  'The {T} shall {v} the {n} {prep} the {T} in accordance with {R}.',
  'Where the {T} {v3} a {n} {prep} a {T}, it shall {v} the {T} within {period}.',
  'Subject to {R}, each {T} may {v} any {n} that the {T} has {vpp}.',
  'The {T} shall not {v} a {n} except as provided in {R}.',
  'Nothing in this clause requires the {T} to {v} a {n} that is not {adj} to the {T}.',
  'For the purposes of {R}, a {n} is {adj} where it {v3} the {T}.',
  'Each {T} shall take all {adj} steps to {v} the {T} and to {v} any {n} arising from it.',
  'The {T} may, with the agreement of the {T}, {v} the {n} set out in {R}.',
  'Any {n} given under this clause shall be in writing and shall identify the {T} to which it relates.',
  'Within {period} of receiving a {n} from the {T}, the {T} shall {v} the {T} and notify the {Tp}.',
  'If the {T} considers that a {n} is not {adj}, it shall {v} the {T} and give its reasons.',
  'The {Tp} shall {v} the {n} in the form set out in {R}, as amended from time to time.',
  'Unless the {T} directs otherwise, the {T} shall {v} each {n} {prep} the {T}.',
  'The {T} shall ensure that the {T} remains {adj} and {adj} at all times.',
  'A {T} that {v3} a {n} shall {v} the {T} as soon as reasonably practicable.',
  'The obligations in {R} apply to each {T} from the date on which it first {v3} a {T}.',
  'Before it {v3} any {n}, the {T} shall consult the {Tp} and have regard to their views.',
  'The {T} shall keep a record of each {n} and make that record available to the {T} on request.',
  'This clause does not limit any {n} of the {T} under {R}.',
  'The {T} shall {v} the {T} at least once in each {interval}.',
  'Where {R} applies, the {T} shall {v} the {n} in place of the {T}.',
  'The {T} may recover from the {T} the {adj} costs of any {n} that it provides under {R}.',
  'The {T}, acting reasonably, shall decide whether the {n} is {adj} and shall {v} its decision.',
  'Each {T} shall {v} the {n} for every {T} for which it is responsible.',
  'When it {v3} the {T}, the {T} shall comply with {R} and with the {T}.',
  'The {T} shall publish the {T} and notify the {Tp} each time it is {vpp}.',
  'A {n} under this clause does not take effect until the {T} has {vpp} it.',
  'The {T} shall give the {T} at least {period} notice of any {adj} {n}.',
  'No {T} shall {v} a {T} while a {n} under {R} is outstanding.',
  'The {T} shall treat any {n} received after the end of the {T} as received on the next working day.',
];

const LIST_INTROS = ['The {T} shall:', 'Each {T} shall, {prep} each {T}:', 'The {T} may {v} a {n} only where:', 'Before the {T} {v3} a {T}, the {T} shall:', 'The {T} shall ensure that:'];
const LIST_ITEMS = [
  '{v} the {T} {prep} {R}',
  '{v} each {n} that the {T} has {vpp}',
  'ensure that the {T} {v3} the {n} within {period}',
  'where the {T} so requests, {v} the {T} and the {T}',
  'notify the {Tp} of any {adj} {n} to the {T}',
  'the {T} has {vpp} the {n} described in {R}',
  '{v} the {n} in the manner set out in the {T}',
];
const DEFINITIONS = [
  'means the {n} {prep} which the {T} {v3} the {T}, as described in {R}.',
  'means a {n} established by the {T} under {R} for each {T}.',
  'means each {T} that has been {vpp} by the {T} in accordance with {R}.',
  'has the meaning given to that expression in {R}.',
  'means the {adj} {n} that the {T} keeps for the {T} and {v3} at least once in each {interval}.',
  'means, in relation to a {T}, the {n} that the {T} has {vpp} for it.',
  'means any {T} or {T} that the {T} has {vpp} under {R}.',
];
const FOOTNOTES = ['See {R} for the {n} that applies to the {T}.', 'The {T} publishes the current {n} at www.example.org/sec/{n}.', 'This {n} reflects the {T} {vpp} under {R}.'];

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

const UNSAFE_LINE_START = /^(?:[-+#>|=`~]|\d+[.)]$)/;

/** Soft-wraps a paragraph at ~100 columns, with `indent` before continuation lines. */
function wrap(text: string, indent: string, on: boolean): string {
  if (!on || text.length <= 100) return text;
  const lead = /^ */.exec(text)![0];
  const out: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    // Never start a line with something Markdown would read as a block marker (a spaced range's `-`).
    if (line.trim() && line.length + 1 + word.length > 100 && !UNSAFE_LINE_START.test(word)) {
      out.push(line);
      line = indent + word;
    } else line = line.trim() ? `${line} ${word}` : line + word;
  }
  if (line.trim()) out.push(line);
  return out.join('\n');
}

function withEmphasis(sentence: string, rng: Rng): string {
  if (!rng.chance(0.05)) return sentence;
  // Emphasise a run of plain lower-case words (never a reference or term).
  const m = / (not|only|each|any|all|at least) /.exec(sentence);
  if (!m) return sentence;
  return sentence.slice(0, m.index) + ` *${m[1]}* ` + sentence.slice(m.index + m[0].length);
}

function sentences(ctx: WriteContext, words: number): string {
  const parts: string[] = [];
  let n = 0;
  do {
    const s = withEmphasis(fill(ctx.rng.pick(SENTENCES), ctx), ctx.rng);
    parts.push(s);
    n += countWords(s);
  } while (n < words);
  return parts.join(' ');
}

function attributesOf(c: ClausePlan): string {
  const parts: string[] = [];
  if (c.from) parts.push(`from="${c.from}"`);
  if (c.kind) parts.push(`kind=${c.kind}`);
  if (c.own.from) parts.push(`in-force-from="${c.own.from}"`);
  if (c.own.until) parts.push(`in-force-until="${c.own.until}"`);
  return parts.length ? ` {${parts.join(' ')}}` : '';
}

function writeClauseFile(plan: Plan, doc: DocPlan, file: FilePlan, stats: Stats): string {
  const rng = new Rng(seedOf(plan.size.seed, 'file', doc.spec.code, file.name));
  const blocks: string[] = [`## ${file.section} ${file.title}`];
  stats.sections++;
  const footnotes: string[] = [];
  const base: WriteContext = { plan, doc, rng, eff: doc.eff, inTable: false, qualifiedOnly: false, drain: true, stats };
  if (file.intro) blocks.push(wrap(sentences(base, rng.between(20, 60)), '', file.wrap));
  // Provenance: a few clauses record where they came from (AM keeps many from AL).
  const keeper = plan.docs.find((d) => d.spec.retainIn === doc.spec.code);
  for (const c of file.clauses) {
    stats.clauses++;
    if (c.headingBefore) blocks.push(`### ${c.headingBefore}`);
    if (keeper && rng.chance(0.2)) c.from = `${keeper.spec.code} ${rng.pick(keeper.allNumbers)}`;
    const ctx: WriteContext = { ...base, eff: c.eff, drain: effKey(c.eff) === effKey(doc.eff) && doc.eff !== 'never' };
    const open = `**${c.num}**${attributesOf(c)} `;
    let budget = c.words;
    const note = () => {
      if (!c.footnote) return '';
      const id = footnotes.length + 1;
      footnotes.push(`[^${id}]: ${fill(rng.pick(FOOTNOTES), ctx)}`);
      stats.footnotes++;
      return `[^${id}]`;
    };
    if (c.shape === 'list') {
      const intro = fill(rng.pick(LIST_INTROS), ctx);
      blocks.push(wrap(open + intro, '', file.wrap));
      budget -= countWords(intro);
      const per = Math.max(6, Math.floor(budget / c.subs.length));
      const lines: string[] = [];
      c.subs.forEach((sub, i) => {
        const last = i === c.subs.length - 1;
        const end = last ? (c.footnote ? '.' + note() : '.') : i === c.subs.length - 2 ? '; and' : ';';
        stats.subParagraphs++;
        let text = fill(rng.pick(LIST_ITEMS), ctx);
        if (per > 25) text += ', and ' + sentences(ctx, per - 20).replace(/^./, (ch) => ch.toLowerCase()).replace(/\.$/, '');
        if (sub.children.length) {
          lines.push(wrap(`- (${sub.label}) ${text}, as follows:`, '  ', file.wrap));
          sub.children.forEach((child, j) => {
            stats.subParagraphs++;
            const cEnd = j === sub.children.length - 1 ? end : ';';
            lines.push(wrap(`  - (${child}) ${fill(rng.pick(LIST_ITEMS), ctx)}${cEnd}`, '    ', file.wrap));
          });
        } else lines.push(wrap(`- (${sub.label}) ${text}${end}`, '  ', file.wrap));
      });
      blocks.push(lines.join('\n'));
    } else if (c.shape === 'table') {
      const intro = `${fill('The {T} shall {v} each {n} listed in the following table, {prep} the {T}:', ctx)}`;
      blocks.push(wrap(open + intro + note(), '', file.wrap));
      stats.tables++;
      const rows = [`| Item | Responsible party | Action | Timescale |`, `|---|---|---|---|`];
      const tctx: WriteContext = { ...ctx, inTable: true };
      for (let i = 1, n = rng.between(3, 8); i <= n; i++) {
        rows.push(`| ${i} | the ${termForm(tctx, false)} | ${fill(rng.pick(LIST_ITEMS), tctx)} | within ${rng.pick(PERIODS)} (see ${reference(tctx)}) |`);
      }
      blocks.push(rows.join('\n'));
      if (budget > 60) blocks.push(wrap(sentences(ctx, budget - 60), '', file.wrap));
    } else if (c.shape === 'multi') {
      const first = Math.max(15, Math.floor(budget / 2));
      blocks.push(wrap(open + sentences(ctx, first), '', file.wrap));
      blocks.push(wrap(sentences(ctx, Math.max(10, budget - first)) + note(), '', file.wrap));
    } else {
      blocks.push(wrap(open + sentences(ctx, budget) + note(), '', file.wrap));
    }
  }
  // Terms of this document not used yet: a closing interpretation clause uses them, so none is unused.
  if (file === doc.files[doc.files.length - 1] && doc.mustUse.length && doc.eff !== 'never') {
    const last = doc.files.flatMap((f) => f.clauses).length;
    const num = `${file.section}.${last + 1000}`;
    stats.clauses++;
    const forms = doc.mustUse.splice(0).map((t) => t.term);
    blocks.push(wrap(`**${num}** {kind=note} This section also applies to each ${forms.join(', each ')}.`, '', file.wrap));
    stats.termUses += forms.length;
  }
  blocks.push(...footnotes);
  return blocks.join('\n\n') + '\n';
}

function writeDefinitions(plan: Plan, doc: DocPlan, stats: Stats): string {
  const blocks: string[] = [`---\ndocument: ${doc.spec.code}\n---`];
  const sorted = [...doc.terms].sort((a, b) => (a.term.toLowerCase() < b.term.toLowerCase() ? -1 : 1));
  let letter = '';
  for (const t of sorted) {
    if (sorted.length > 200 && t.term[0]!.toUpperCase() !== letter) {
      letter = t.term[0]!.toUpperCase();
      blocks.push(`## ${letter}`);
    }
    stats.definitions++;
    if (!t.text) {
      // Written once, valid in every home: users' interval is the strictest home's, references are qualified.
      const rng = new Rng(seedOf(plan.size.seed, 'term', t.term));
      const homes = t.homes.map((h) => plan.byCode.get(h)!);
      const strict = homes.find((h) => h.eff !== 'never' && h.eff.until === undefined) ?? homes[0]!;
      const counts: Stats = { ...stats, termUses: 0, references: {} };
      const ctx: WriteContext = { plan, doc: homes[0]!, rng, eff: strict.eff, inTable: false, qualifiedOnly: homes.length > 1, exclude: t, drain: false, stats: counts };
      let text: string;
      if (rng.chance(0.08)) {
        text = `means, for a ${termForm(ctx, false)}:\n\n- (a) ${fill(rng.pick(LIST_ITEMS), ctx)}; or\n- (b) ${fill(rng.pick(LIST_ITEMS), ctx)}.`;
      } else {
        text = fill(rng.pick(DEFINITIONS), ctx);
        if (rng.chance(0.4)) text += ' ' + fill(rng.pick(SENTENCES), ctx);
      }
      t.text = text;
      t.uses = counts.termUses;
      t.references = counts.references;
    }
    // Each copy is text of its own file: count what it contains every time it is written.
    stats.termUses += t.uses ?? 0;
    for (const [k, v] of Object.entries(t.references ?? {})) stats.references[k] = (stats.references[k] ?? 0) + v;
    const attrs: string[] = [];
    if (t.plural) attrs.push(`plural="${t.plural}"`);
    if (t.also.length) attrs.push(`also="${t.also.join(', ')}"`);
    if (t.homes[0] !== doc.spec.code) attrs.push(`from="${t.homes[0]}"`);
    const head = `**${t.term}**${attrs.length ? ` {${attrs.join(' ')}}` : ''} `;
    blocks.push(t.text.includes('\n') ? head + t.text : wrap(head + t.text, '', true));
  }
  return blocks.join('\n\n') + '\n';
}

function writeManifest(doc: DocPlan): string {
  const s = doc.spec;
  const lines = ['---', `id: ${s.code}`, `title: ${s.title}`, `short-title: ${s.shortTitle}`, `reference: ${s.reference}`, `version: "${s.version}"`, `status: ${s.status}`];
  if (s.inForce.from || s.inForce.until) {
    lines.push('in-force:');
    if (s.inForce.from) lines.push(`  from: ${s.inForce.from}`);
    if (s.inForce.until) lines.push(`  until: ${s.inForce.until}`);
  }
  lines.push('---');
  lines.push(`Generated benchmark content for ${s.reference} (${s.title}); invented text, not the legal text.`);
  return lines.join('\n') + '\n';
}

export interface GeneratedCorpus {
  root: string;
  size: SizeName;
  stats: Stats;
  /** Content files, relative to root, in discovery order. */
  files: string[];
  /** Clause files, relative to root: candidates for the one-file edit. */
  clauseFiles: Array<{ path: string; bytes: number }>;
}

/** Generates size `name` into `outDir` (which is replaced if it holds an earlier generated corpus). */
export function generateCorpus(name: SizeName, outDir: string): GeneratedCorpus {
  const root = resolve(outDir);
  if (existsSync(root)) {
    const entries = readdirSync(root);
    if (entries.length && !entries.includes(MARKER_FILE)) throw new Error(`${root} exists and was not written by the benchmark generator; refusing to replace it`);
    rmSync(root, { recursive: true, force: true });
  }
  usableCache.clear();
  coveringCache.clear();
  const size = SIZES[name];
  const plan = planSize(size);
  const stats: Stats = { words: 0, clauses: 0, sections: 0, subParagraphs: 0, definitions: 0, terms: plan.terms.length, termUses: 0, references: {}, tables: 0, footnotes: 0, files: 0, bytes: 0 };
  const out = new Map<string, string>();
  for (const doc of plan.docs) out.set(`documents/${doc.spec.code}.md`, writeManifest(doc));
  for (const doc of plan.docs) for (const file of doc.files) out.set(`clauses/${doc.spec.code}/${file.name}`, writeClauseFile(plan, doc, file, stats));
  for (const doc of plan.docs) if (doc.terms.length) out.set(`definitions/${doc.spec.code}.md`, writeDefinitions(plan, doc, stats));
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, MARKER_FILE), `${GENERATOR_VERSION} ${name}\n`);
  const clauseFiles: GeneratedCorpus['clauseFiles'] = [];
  for (const [path, text] of out) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
    const bytes = Buffer.byteLength(text);
    stats.files++;
    stats.bytes += bytes;
    stats.words += countWords(text);
    if (path.startsWith('clauses/')) clauseFiles.push({ path, bytes });
  }
  return { root, size: name, stats, files: [...out.keys()].sort(), clauseFiles };
}

// CLI: node dist/bench/generateCorpus.js S|L [outDir]
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const name = (process.argv[2] ?? 'S').toUpperCase();
  if (name !== 'S' && name !== 'L') {
    console.error('usage: node dist/bench/generateCorpus.js S|L [outDir]');
    process.exit(2);
  }
  const t = performance.now();
  const g = generateCorpus(name, process.argv[3] ?? `.bench/corpus-${name}`);
  console.log(JSON.stringify({ root: g.root, ms: Math.round(performance.now() - t), ...g.stats }, null, 2));
}
