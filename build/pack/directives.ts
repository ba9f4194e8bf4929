/**
 * Generated content in a consultation paper. Each leaf directive is checked (name, attribute names, values) and
 * expanded into render blocks; a bad argument is a diagnostic at the directive's `file:line:col` and the paper shows
 * a placeholder paragraph in its place.
 *
 *   ::retention-table{from=AL [order="GroupID; 3.14E; …"]}  current → proposed references of everything retained from AL, rows in the author's order
 *   ::impact{doc=AL [in=proposed|baseline] [on=YYYY-MM-DD]}  what would dangle if AL left force (default: the day after its `until`)
 *   ::changes{doc=AM}                          the clauses of AM added, amended, moved, retained or removed against the baseline
 *   ::how-to-respond                           the "How to respond" section from templates/consultation/
 *   ::closing                                  when the consultation closes and where responses go (templates/consultation/closing.md)
 *   ::future-changes                           changes for future consideration: `future-changes:` entries, then every accepted risk
 */
import type { RootContent } from 'mdast';
import type { Corpus, ManifestData, TermUse } from '../model/corpus.js';
import { futureChangeComments, futureChangeRows, type FutureChangeRow } from './appendixTwo.js';
import { addDays, parseIsoDate, type IsoDate } from '../model/dates.js';
import { impactOf } from '../query/impact.js';
import { longDate } from '../document/dates.js';
import { citedName } from '../document/referenceText.js';
import type { Block, Inline, TableBlock } from '../model/document.js';
import type { Theme } from '../theme/theme.js';
import type { ClauseChange } from '../diff/diffBlocks.js';
import type { PaperDiagnostics } from './diagnostics.js';
import type { DirectiveHost, DirectiveNode } from './paperModel.js';
import { DIRECTIVES, directiveRecord, directiveSyntaxProblems } from '../parse/paper.js';
import { directiveArgumentProblems, orderNames } from '../bind/papers.js';
import { orderRows, retentionRows, type RetentionRow } from './retentionTable.js';
import { definitionCitation, definitionsListCitation, definitionsListTitle, idCitation, provisionCitation } from './citations.js';

export interface ClauseChangeRow {
  id: string;
  change: ClauseChange;
  from?: string;
}

export interface DirectiveContext {
  corpus: Corpus;
  /** The baseline corpus, when the pack has one. */
  baseline?: Corpus;
  /** Label of the baseline for messages ("before-retention"). */
  baselineLabel?: string;
  theme: Theme;
  diagnostics: PaperDiagnostics;
  /** Annex order: the retention table lists destinations in it. */
  annexes: readonly string[];
  /** Term uses in the annexes' earlier versions (the working tree's view has none): what an accepted risk leans on. */
  earlierUses: readonly TermUse[];
  /** Clause changes of a document against the baseline (computed by the pack, once per document). */
  changesOf(doc: string): ClauseChangeRow[] | undefined;
  /** The `::how-to-respond` content: template text with its placeholders filled. */
  howToRespond(): RootContent[];
  /** The `::closing` content: template text with its placeholders filled. */
  closing(): RootContent[];
  /** The consultation's manifest: its `future-changes:` and `accepted:`. */
  consultation: ManifestData;
  /** Rows of every `::future-changes` table printed, for the pack's report and tests. */
  futureChanges: FutureChangeRow[][];
  /** Every retention table the paper printed, for the pack's report and tests. */
  retentionTables: Array<{ from: string; rows: RetentionRow[] }>;
}

const text = (t: string): Inline[] => [{ kind: 'text', text: t }];

/** Lines of text in one table cell, separated by breaks. */
function lines(items: readonly string[]): Inline[] {
  return items.flatMap((t, i): Inline[] => (i ? [{ kind: 'break' }, ...text(t)] : text(t)));
}

function table(header: string[], rows: Inline[][][]): TableBlock {
  return { kind: 'table', align: header.map(() => null), header: header.map((h) => ({ content: text(h) })), rows: rows.map((r) => r.map((content) => ({ content }))) };
}

export function directiveHost(ctx: DirectiveContext): DirectiveHost {
  const { diagnostics } = ctx;
  const placeholder = (raw: string): { blocks: Block[] } => ({ blocks: [{ kind: 'paragraph', content: [{ kind: 'emphasis', children: text(`[${raw}: not generated, see the pack's diagnostics]`) }] }] });

  return {
    expand(node: DirectiveNode) {
      const record = directiveRecord(node);
      const { offset, attributes: attrs } = record;
      const raw = `::${node.name}{${Object.entries(attrs).map(([k, v]) => `${k}=${v}`).join(' ')}}`;
      // The same judgement as check's (invalid-directive): a bad directive gets a placeholder in the paper.
      const problems = [...directiveSyntaxProblems(record), ...(DIRECTIVES[record.name] ? directiveArgumentProblems(record, ctx.corpus) : [])];
      for (const message of problems) diagnostics.add('invalid-directive', offset, message);
      if (problems.length) return placeholder(raw);
      switch (node.name) {
        case 'retention-table':
          return retention(attrs.from!, attrs.order, offset) ?? placeholder(raw);
        case 'impact':
          return impact(attrs, offset) ?? placeholder(raw);
        case 'changes':
          return changes(attrs.doc!, offset) ?? placeholder(raw);
        case 'closing':
          return { content: ctx.closing() };
        case 'future-changes':
          return futureChanges();
        default:
          return { content: ctx.howToRespond() };
      }
    },
  };


  function retention(from: string, order: string | undefined, offset: number): { blocks: Block[] } | undefined {
    const { corpus, theme } = ctx;
    const rows = orderRows(retentionRows(corpus, from, theme, ctx.annexes), orderNames(order));
    ctx.retentionTables.push({ from, rows });
    if (!rows.length) {
      diagnostics.add('empty-directive', offset, `\`::retention-table{from=${from}}\`: no clause or definition has \`from=\` ${from}; the table is empty`);
      return { blocks: [{ kind: 'paragraph', content: text(`Nothing is retained from ${citedName(corpus, from)}.`) }] };
    }
    const withLogic = rows.some((r) => r.reason);
    const range = (doc: string, items: readonly string[]) => provisionCitation(corpus, theme, doc, items[0]!, items.length > 1 ? items.at(-1) : undefined);
    const section = (doc: string, s: { number: string; title: string }) => `${provisionCitation(corpus, theme, doc, s.number)}${s.title ? ` (${s.title})` : ''}`;
    const body = rows.map((r) => {
      const current = r.kind === 'definitions' ? text(definitionsListCitation(corpus, theme, from)) : text(range(from, r.fromItems));
      const item = r.kind === 'definitions' ? lines([...(r.subject ? [r.subject] : []), ...r.fromItems.map((t) => `Definition of ${t}`)]) : text(r.subject ?? r.toSection?.title ?? '');
      const proposed =
        r.kind === 'definitions'
          ? lines(r.toSection ? [section(r.toDoc, r.toSection)] : [`${citedName(corpus, r.toDoc)} ${definitionsListTitle(corpus, theme, r.toDoc)}`])
          : lines([...(r.toSection ? [section(r.toDoc, r.toSection)] : []), range(r.toDoc, r.toItems)]);
      return withLogic ? [current, item, text(r.reason ?? ''), proposed] : [current, item, proposed];
    });
    const header = withLogic ? ['Current reference', 'Item description', 'Logic', 'Proposed reference'] : ['Current reference', 'Item description', 'Proposed reference'];
    return { blocks: [table(header, body)] };
  }

  function futureChanges(): { blocks: Block[] } {
    const rows = futureChangeRows(ctx.corpus, ctx.theme, ctx.consultation, ctx.annexes, ctx.earlierUses);
    ctx.futureChanges.push(rows);
    if (!rows.length) return { blocks: [{ kind: 'paragraph', content: text('No change is left for future consideration, and no risk is accepted.') }] };
    const { cells, notes } = futureChangeComments(rows);
    const notesBlocks: Block[] = notes.map((note, i) => ({ kind: 'paragraph', content: [{ kind: 'strong', children: text(`Note ${i + 1}.`) }, ...text(` ${note}`)] }));
    return { blocks: [table(['Current reference', 'Item description', 'Comment'], rows.map((r, i) => [text(r.reference), text(r.item), text(cells[i]!)])), ...notesBlocks] };
  }

  /** Its arguments were judged against the working tree (directiveArgumentProblems); the baseline's tables are judged here. */
  function impact(attrs: Record<string, string>, offset: number): { blocks: Block[] } | undefined {
    const which = attrs.in ?? 'proposed';
    const corpus = which === 'baseline' ? ctx.baseline : ctx.corpus;
    if (!corpus) {
      diagnostics.add('invalid-directive', offset, '`::impact{in=baseline}`: the pack has no baseline (set `baseline:` or pass --base)');
      return undefined;
    }
    const doc = attrs.doc!;
    if (!corpus.documents.has(doc)) {
      diagnostics.add('invalid-directive', offset, `\`::impact\`: no document \`${doc}\` in the baseline (known: ${[...corpus.documents.keys()].sort().join(', ')})`);
      return undefined;
    }
    let date: IsoDate;
    if (attrs.on !== undefined) date = parseIsoDate(attrs.on)!;
    else {
      const until = corpus.documents.get(doc)!.inForce.until;
      if (!until) {
        diagnostics.add('invalid-directive', offset, `\`::impact{doc=${doc}}\`: ${doc} has no \`in-force.until\`; say when it would leave force with \`on=YYYY-MM-DD\``);
        return undefined;
      }
      date = addDays(until, 1);
    }
    const report = impactOf(corpus, doc, date);
    const name = citedName(corpus, doc);
    if (!report.terms.length && !report.clauses.length) {
      return { blocks: [{ kind: 'paragraph', content: text(`No term or provision of ${name} would be left without a home in force on ${longDate(date)}.`) }] };
    }
    const users = (rows: Array<{ clause: string | null; definition?: string | undefined; document: string }>) => [
      ...new Set(rows.map((u) => (u.clause ? idCitation(corpus, ctx.theme, u.clause, u.document) : definitionCitation(corpus, u.definition ?? '', u.document)))),
    ];
    const body: Inline[][][] = [
      ...report.terms.map((t) => [text(definitionCitation(corpus, t.term, doc)), text(`Definition${t.via.length ? ` (needed by ${t.via.join(', ')})` : ''}`), lines(users(t.uses as never))]),
      ...report.clauses.map((c) => [text(idCitation(corpus, ctx.theme, c.id, doc)), text('Clause'), lines(users(c.references as never))]),
    ];
    return { blocks: [table([`Term or provision only in ${name}`, 'Kind', `Used on ${longDate(date)} by`], body)] };
  }

  function changes(doc: string, offset: number): { blocks: Block[] } | undefined {
    const rows = ctx.changesOf(doc);
    if (!rows) {
      diagnostics.add('invalid-directive', offset, '`::changes`: the pack has no baseline to compare with (set `baseline:` or pass --base)');
      return undefined;
    }
    if (!rows.length) return { blocks: [{ kind: 'paragraph', content: text(`No clause of ${citedName(ctx.corpus, doc)} has changed since ${ctx.baselineLabel ?? 'the baseline'}.`) }] };
    const words: Record<ClauseChange, string> = { inserted: 'Added', deleted: 'Removed', changed: 'Amended', moved: 'Moved', retained: 'Retained' };
    const describe = (r: ClauseChangeRow) => (r.change === 'retained' && r.from ? `Retained from ${r.from}` : r.from && r.change === 'inserted' ? `Added (retained from ${r.from})` : words[r.change]);
    return { blocks: [table(['Clause or definition', 'Change'], rows.map((r) => [text(idCitation(ctx.corpus, ctx.theme, r.id, doc)), text(describe(r))]))] };
  }
}
