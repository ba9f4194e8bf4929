/**
 * Generated content in a consultation paper. Each leaf directive is checked (name, attribute names, values) and
 * expanded into render blocks; a bad argument is a diagnostic at the directive's `file:line:col` and the paper shows
 * a placeholder paragraph in its place.
 *
 *   ::retention-table{from=AL}                 current → proposed references of everything retained from AL
 *   ::impact{doc=AL [in=proposed|baseline] [on=YYYY-MM-DD]}  what would dangle if AL left force (default: the day after its `until`)
 *   ::changes{doc=AM}                          the clauses of AM added, amended, moved, retained or removed against the baseline
 *   ::how-to-respond                           the "How to respond" section from templates/consultation/
 */
import type { RootContent } from 'mdast';
import type { Corpus } from '../model/corpus.js';
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
import { directiveArgumentProblems } from '../bind/papers.js';
import { collapse, retentionRows, type RetentionRow } from './retentionTable.js';

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
  /** Clause changes of a document against the baseline (computed by the pack, once per document). */
  changesOf(doc: string): ClauseChangeRow[] | undefined;
  /** The `::how-to-respond` content: template text with its placeholders filled. */
  howToRespond(): RootContent[];
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
          return retention(attrs.from!, offset) ?? placeholder(raw);
        case 'impact':
          return impact(attrs, offset) ?? placeholder(raw);
        case 'changes':
          return changes(attrs.doc!, offset) ?? placeholder(raw);
        default:
          return { content: ctx.howToRespond() };
      }
    },
  };

  /** In the baseline's tables a document may be missing that the working tree has. */
  function knownDoc(corpus: Corpus, doc: string, offset: number, name: string, where = ''): boolean {
    if (corpus.documents.has(doc)) return true;
    diagnostics.add('invalid-directive', offset, `\`::${name}\`: no document \`${doc}\`${where} (known: ${[...corpus.documents.keys()].sort().join(', ')})`);
    return false;
  }

  function retention(from: string, offset: number): { blocks: Block[] } | undefined {
    const { corpus, theme } = ctx;
    if (!knownDoc(corpus, from, offset, 'retention-table')) return undefined;
    const rows = retentionRows(corpus, from, theme, ctx.annexes);
    ctx.retentionTables.push({ from, rows });
    if (!rows.length) {
      diagnostics.add('empty-directive', offset, `\`::retention-table{from=${from}}\`: no clause or definition has \`from=\` ${from}; the table is empty`);
      return { blocks: [{ kind: 'paragraph', content: text(`Nothing is retained from ${citedName(corpus, from)}.`) }] };
    }
    const fromManifest = corpus.documents.get(from)!.manifest;
    const fromName = `${fromManifest.reference ?? from}${fromManifest.shortTitle ? ` (${fromManifest.shortTitle})` : ''}`;
    const withLogic = rows.some((r) => r.reason);
    const body = rows.map((r) => {
      const to = corpus.documents.get(r.toDoc)!.manifest;
      const toName = to.reference ?? r.toDoc;
      const section = r.toSection ? `Section ${r.toSection.number}${r.toSection.title ? ` (${r.toSection.title})` : ''}` : '';
      const current = r.kind === 'definitions' ? lines([fromName, 'Definitions']) : lines([fromName, `${r.fromItems.length > 1 ? theme.references.clauses : theme.references.clause} ${collapse(r.fromItems)}`]);
      const item = r.kind === 'definitions' ? lines(r.fromItems.map((t) => `Definition of ${t}`)) : text(r.toSection?.title ?? '');
      const proposed = r.kind === 'definitions' ? lines([toName, section]) : lines([toName, ...(r.toSection ? [`Section ${r.toSection.number}`] : []), `${r.toItems.length > 1 ? theme.references.clauses : theme.references.clause} ${collapse(r.toItems)}`]);
      return withLogic ? [current, item, text(r.reason ?? ''), proposed] : [current, item, proposed];
    });
    const header = withLogic ? ['Current reference', 'Item description', 'Logic', 'Proposed reference'] : ['Current reference', 'Item description', 'Proposed reference'];
    return { blocks: [table(header, body)] };
  }

  function impact(attrs: Record<string, string>, offset: number): { blocks: Block[] } | undefined {
    const which = attrs.in ?? 'proposed';
    if (which !== 'proposed' && which !== 'baseline') {
      diagnostics.add('invalid-directive', offset, `\`::impact\`: \`in=${which}\` must be \`proposed\` or \`baseline\``);
      return undefined;
    }
    const corpus = which === 'baseline' ? ctx.baseline : ctx.corpus;
    if (!corpus) {
      diagnostics.add('invalid-directive', offset, '`::impact{in=baseline}`: the pack has no baseline (set `baseline:` or pass --base)');
      return undefined;
    }
    const doc = attrs.doc!;
    if (!knownDoc(corpus, doc, offset, 'impact', which === 'baseline' ? ' in the baseline' : '')) return undefined;
    let date: IsoDate | undefined;
    if (attrs.on !== undefined) {
      date = parseIsoDate(attrs.on);
      if (!date) {
        diagnostics.add('invalid-directive', offset, `\`::impact\`: \`on=${attrs.on}\` is not a real date YYYY-MM-DD`);
        return undefined;
      }
    } else {
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
    const users = (rows: Array<{ clause: string | null; definition?: string | undefined; document: string }>) => [...new Set(rows.map((u) => u.clause ?? `definition of ${u.definition ?? ''} (${u.document})`))];
    const body: Inline[][][] = [
      ...report.terms.map((t) => [text(t.term), text(`Definition${t.via.length ? ` (needed by ${t.via.join(', ')})` : ''}`), lines(users(t.uses as never))]),
      ...report.clauses.map((c) => [text(c.id), text('Clause'), lines(users(c.references as never))]),
    ];
    return { blocks: [table([`Term or provision only in ${name}`, 'Kind', `Used on ${longDate(date)} by`], body)] };
  }

  function changes(doc: string, offset: number): { blocks: Block[] } | undefined {
    if (!knownDoc(ctx.corpus, doc, offset, 'changes')) return undefined;
    const rows = ctx.changesOf(doc);
    if (!rows) {
      diagnostics.add('invalid-directive', offset, '`::changes`: the pack has no baseline to compare with (set `baseline:` or pass --base)');
      return undefined;
    }
    if (!rows.length) return { blocks: [{ kind: 'paragraph', content: text(`No clause of ${citedName(ctx.corpus, doc)} has changed since ${ctx.baselineLabel ?? 'the baseline'}.`) }] };
    const words: Record<ClauseChange, string> = { inserted: 'Added', deleted: 'Removed', changed: 'Amended', moved: 'Moved', retained: 'Retained' };
    const describe = (r: ClauseChangeRow) => (r.change === 'retained' && r.from ? `Retained from ${r.from}` : r.from && r.change === 'inserted' ? `Added (retained from ${r.from})` : words[r.change]);
    return { blocks: [table(['Clause or definition', 'Change'], rows.map((r) => [text(r.id.replace(/^definition: (.*)$/, 'Definition of $1')), text(describe(r))]))] };
  }
}
