/**
 * Plain-language answers about one symbol, as an editor's hover shows them (Markdown): a term's definition,
 * homes and when a use of it would dangle; a reference's target and status; a provision's window and provenance.
 */
import { addDays, contains, type Interval, type IsoDate } from '../model/dates.js';
import type { Corpus, ProvisionSymbol, UserRef } from '../model/corpus.js';
import { describeInterval } from '../checks/context.js';
import { describeUser, userInterval } from '../checks/users.js';
import type { Occurrence, SymbolIndex } from './symbolIndex.js';

/** The first day on or after `asAt` on which `user` is in force and no home of `term` is; undefined when none. */
export function danglesOn(corpus: Corpus, term: string, user: Interval, asAt: IsoDate): IsoDate | undefined {
  const homes = corpus.definitions.get(term) ?? [];
  // Whether a term is housed only changes on a home's first day or the day after its last.
  const days = new Set<IsoDate>([asAt]);
  for (const h of homes) {
    if (h.inForce.from && h.inForce.from > asAt) days.add(h.inForce.from);
    if (h.inForce.until && h.inForce.until >= asAt) days.add(addDays(h.inForce.until, 1));
  }
  if (user.from && user.from > asAt) days.add(user.from);
  return [...days].sort().find((d) => contains(user, d) && !homes.some((h) => contains(h.inForce, d)));
}

/**
 * When the user's document is waiting for a version to take effect inside a designation window, the earlier version
 * may still apply: this hover reads the working tree's text, while `check` weighs the earlier text too.
 */
function designationWindow(corpus: Corpus, doc: string): string | undefined {
  const versions = corpus.documents.get(doc)?.versions ?? [];
  const latest = versions.at(-1);
  const before = versions.at(-2);
  if (!latest || !before || !latest.effectiveBy || latest.effectiveBy === latest.effective) return undefined;
  return `${doc} v${before.manifest.version ?? '?'} (${before.ref ?? 'the previous version'}) may still apply until ${latest.effectiveBy}, when v${latest.manifest.version ?? '?'} takes effect at the latest; this reads v${latest.manifest.version ?? '?'}, and \`regmark check\` also weighs the earlier text.`;
}

/** A provision's own text as written, from its number to the next provision, shortened for a hover. */
export function provisionExcerpt(corpus: Corpus, symbol: ProvisionSymbol, limit = 600): string {
  const text = corpus.texts.get(symbol.file) ?? '';
  const next = corpus.files.find((f) => f.path === symbol.file)?.provisions.find((p) => p.offset > symbol.record.offset);
  const lineStart = text.lastIndexOf('\n', symbol.record.offset) + 1;
  const raw = text.slice(lineStart, next ? text.lastIndexOf('\n', next.offset) + 1 : text.length).trim();
  return raw.length > limit ? raw.slice(0, limit).trimEnd() + ' …' : raw;
}

const quote = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join('\n');

function explainTerm(corpus: Corpus, index: SymbolIndex, term: string, asAt: IsoDate, user?: UserRef): string {
  const homes = corpus.definitions.get(term) ?? [];
  const forms = index.formsOf(term).filter((f) => f !== term);
  const lines = [`**${term}**${forms.length ? ` (also written: ${forms.join(', ')})` : ''} — defined term`];
  const texts = [...new Set(homes.map((h) => h.record.text))];
  for (const t of texts) lines.push('', quote(`${term} ${t}`));
  lines.push('', 'Homes:');
  for (const h of homes) lines.push(`- ${h.home}${h.record.attributes.from ? ` (from=${h.record.attributes.from})` : ''}: ${describeInterval(h.inForce)} — ${h.file}`);
  lines.push('');
  if (user?.kind === 'paper') {
    lines.push(`Used in ${describeUser(user)}, which is about the code and never in force itself: it cannot dangle.`);
  } else if (user) {
    const window = userInterval(corpus, user);
    const day = window && danglesOn(corpus, term, window, asAt);
    lines.push(day ? `Would dangle from ${day}: ${describeUser(user)} is in force then and no home of "${term}" is.` : `Does not dangle: a home of "${term}" is in force whenever ${describeUser(user)} is (from ${asAt}).`);
    const window_ = designationWindow(corpus, user.doc);
    if (window_) lines.push(window_);
  } else {
    const dangling = new Map<string, IsoDate>();
    for (const o of index.termOccurrences(term)) {
      if (o.kind !== 'use') continue;
      const window = userInterval(corpus, o.use.user);
      const day = window && danglesOn(corpus, term, window, asAt);
      if (day && !dangling.has(describeUser(o.use.user))) dangling.set(describeUser(o.use.user), day);
    }
    if (!dangling.size) lines.push(`No use dangles: whenever a user of "${term}" is in force, one of its homes is (from ${asAt}).`);
    else {
      lines.push(`Would dangle in ${dangling.size} user${dangling.size === 1 ? '' : 's'}:`);
      for (const [who, day] of [...dangling].slice(0, 8)) lines.push(`- ${who} from ${day}`);
      if (dangling.size > 8) lines.push(`- … and ${dangling.size - 8} more`);
    }
  }
  return lines.join('\n');
}

function explainProvision(corpus: Corpus, symbol: ProvisionSymbol): string {
  const { record } = symbol;
  const what = record.kind === 'section' ? 'Section' : record.kind === 'clause' ? 'Clause' : 'Sub-paragraph';
  const lines = [`**${symbol.id}** — ${what}${record.title ? `: ${record.title}` : ''}${record.attributes.kind ? ` (${record.attributes.kind})` : ''}`, '', describeInterval(symbol.inForce)];
  const from = record.attributes.from;
  if (from !== undefined) {
    const origin = corpus.provisions.get(from);
    const doc = corpus.documents.get(from);
    const status = origin ? `, ${describeInterval(origin.inForce)}` : doc ? `, ${describeInterval(doc.inForce)}` : ' (no longer in the corpus: provenance is a record, not a reference)';
    lines.push('', `Provenance: from=${from}${status}`);
  }
  if (record.attributes.reason) lines.push('', `Reason: ${record.attributes.reason}`);
  return lines.join('\n');
}

function explainReference(corpus: Corpus, occurrence: Extract<Occurrence, { kind: 'reference' }>, asAt: IsoDate): string {
  const { reference } = occurrence;
  const lines = [`**[[${reference.record.raw}]]** — reference from ${describeUser(reference.from)}`, ''];
  if (reference.problem) return [...lines, `Does not resolve: ${reference.problem.message}`].join('\n');
  const [first, last] = reference.targets;
  const windows: Interval[] = [];
  if (first?.kind === 'document') {
    const doc = corpus.documents.get(first.doc);
    if (doc) {
      windows.push(doc.inForce);
      lines.push(`${doc.manifest.title ?? doc.code}${doc.manifest.reference ? ` (${doc.manifest.reference})` : ''}${doc.manifest.version ? ` v${doc.manifest.version}` : ''}: ${describeInterval(doc.inForce)}`);
    }
  } else {
    for (const t of last && last !== first ? [first, last] : [first]) {
      if (t?.kind !== 'provision') continue;
      const p = corpus.provisions.get(t.id);
      if (!p) continue;
      windows.push(p.inForce);
      lines.push(`**${p.id}**: ${describeInterval(p.inForce)}`, '', quote(provisionExcerpt(corpus, p)), '');
    }
  }
  // The first day the citing text is in force and a target is not: what expired-reference would report.
  const from = reference.fromInForce;
  const days = new Set<IsoDate>([asAt]);
  for (const w of windows) if (w.until && w.until >= asAt) days.add(addDays(w.until, 1));
  const broken = [...days].sort().find((d) => contains(from, d) && windows.some((w) => !contains(w, d)));
  lines.push(broken ? `Status: resolves, but expires under its reader on ${broken} (${describeUser(reference.from)} is still in force then).` : `Status: resolves, and its target is in force whenever ${describeUser(reference.from)} is (from ${asAt}).`);
  return lines.join('\n');
}

/** The hover text for an occurrence. */
export function explain(corpus: Corpus, index: SymbolIndex, occurrence: Occurrence, asAt: IsoDate): string {
  switch (occurrence.kind) {
    case 'use':
      return explainTerm(corpus, index, occurrence.term, asAt, occurrence.use.user);
    case 'definition':
      return explainTerm(corpus, index, occurrence.term, asAt);
    case 'provision':
      return explainProvision(corpus, occurrence.symbol);
    case 'reference':
      return explainReference(corpus, occurrence, asAt);
  }
}
