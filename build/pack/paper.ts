/** The consultation paper as a render document: cover facts, contents, numbered body, footnotes. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root, RootContent } from 'mdast';
import type { Corpus } from '../model/corpus.js';
import { diagnostic, type Diagnostic } from '../diagnostics/catalogue.js';
import { parseMarkdown } from '../parse/markdown.js';
import { parseSource } from '../parse/parseFile.js';
import { longDate } from '../document/dates.js';
import { renumberFootnotes } from '../document/buildRenderModel.js';
import type { Block, ContentsEntry, RenderDocument } from '../model/document.js';
import { builtInTemplatesDir, type HouseStyle } from '../theme/houseStyle.js';
import type { ConsultationFacts } from '../bind/papers.js';
import { PaperDiagnostics } from './diagnostics.js';
import { directiveHost, type DirectiveContext } from './directives.js';
import { InlineConverter, paperBody, type PaperBody } from './paperModel.js';
import { numberHeadings } from './headingNumbers.js';

/** Text of a template in `<templates>/consultation/`, else regmark's own. */
export function consultationTemplate(style: HouseStyle, name: string): { path: string; text: string } {
  for (const dir of [style.dir, builtInTemplatesDir()]) {
    const path = join(dir, 'consultation', name);
    if (existsSync(path)) return { path, text: readFileSync(path, 'utf8') };
  }
  throw new Error(`consultation template ${name} is missing from ${style.dir}/consultation/ and from regmark's own templates`);
}

export const PAPER_PLACEHOLDERS = ['id', 'title', 'subtitle', 'version', 'date', 'closes', 'author', 'respond-to', 'annexes', 'baseline', 'organisation'] as const;

/** `{{name}}` filled in every text node; an unknown placeholder is reported against the template file. */
function fillTemplate(markdown: string, values: Record<string, string>, file: string, problems: Diagnostic[]): Root {
  const tree = parseMarkdown(markdown);
  const walk = (node: { type: string; value?: unknown; children?: unknown[]; position?: { start: { line: number; column: number } } }) => {
    if (node.type === 'text' && typeof node.value === 'string') {
      node.value = node.value.replace(/\{\{\s*([a-z-]+)\s*\}\}/g, (all, name: string) => {
        if (name in values) return values[name]!;
        problems.push(diagnostic('invalid-template', { file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 }, `unknown placeholder ${all} (known: ${PAPER_PLACEHOLDERS.join(', ')})`));
        return all;
      });
    }
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree as never);
  return tree;
}

export interface PaperInput {
  corpus: Corpus;
  facts: ConsultationFacts;
  style: HouseStyle;
  sourceDate: Date;
  /** Placeholder values that depend on the pack (annex names, baseline label). */
  values: { annexes: string; baseline: string };
  /** Output file of an annex in a format's extension, for links from the paper. */
  annexFile(doc: string, extension: string): string | undefined;
  directives: Omit<DirectiveContext, 'diagnostics' | 'howToRespond' | 'closing' | 'consultation' | 'futureChanges' | 'theme' | 'corpus' | 'retentionTables'>;
}

export interface PaperResult {
  model: RenderDocument;
  diagnostics: PaperDiagnostics;
  counts: PaperBody['counts'];
  retentionTables: DirectiveContext['retentionTables'];
  futureChanges: DirectiveContext['futureChanges'];
  /** Template problems (unknown placeholders), located in the template file. */
  templateProblems: Diagnostic[];
}

export function closesText(facts: ConsultationFacts): string {
  if (!facts.closes) return '';
  return facts.closes.time ? `${facts.closes.time} on ${longDate(facts.closes.date)}` : longDate(facts.closes.date);
}

export function buildPaper(input: PaperInput): PaperResult {
  const { corpus, facts, style } = input;
  const { theme } = style;
  const text = corpus.texts.get(facts.path) ?? '';
  const diagnostics = new PaperDiagnostics(facts.path, text);
  const tree = parseSource(facts.path, 'manifest', facts.id, text).tree;
  const values: Record<string, string> = {
    id: facts.id,
    title: facts.title,
    subtitle: facts.subtitle ?? '',
    version: facts.version,
    date: longDate(facts.date),
    closes: closesText(facts),
    author: facts.author ?? theme.organisation,
    'respond-to': facts.respondTo ?? '',
    annexes: input.values.annexes,
    baseline: input.values.baseline,
    organisation: theme.organisation,
  };
  const templateProblems: Diagnostic[] = [];
  const howToRespond = consultationTemplate(style, 'how-to-respond.md');
  const retentionTables: DirectiveContext['retentionTables'] = [];
  const futureChanges: DirectiveContext['futureChanges'] = [];
  const closing = consultationTemplate(style, 'closing.md');
  let responded = false;
  const ctx: DirectiveContext = {
    ...input.directives,
    corpus,
    theme,
    diagnostics,
    retentionTables,
    futureChanges,
    consultation: facts.manifest,
    closing: () => fillTemplate(closing.text, values, closing.path, templateProblems).children as RootContent[],
    howToRespond: () => {
      responded = true;
      return fillTemplate(howToRespond.text, values, howToRespond.path, templateProblems).children as RootContent[];
    },
  };
  const linkable = new Set(facts.annexes.filter((doc) => input.annexFile(doc, 'docx') !== undefined));
  const converter = new InlineConverter({ corpus, doc: facts.id, asAt: facts.date, theme, linkable }, facts.path, diagnostics);
  converter.enter(tree);
  // Without `::how-to-respond`, the section goes before the first appendix, else at the end.
  if (!tree.children.some((n) => n.type === ('leafDirective' as string) && (n as unknown as { name: string }).name === 'how-to-respond')) {
    const at = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 1 && /^appendix\b/i.test((n.children[0] as { value?: string } | undefined)?.value ?? ''));
    const node = { type: 'leafDirective', name: 'how-to-respond', attributes: {}, children: [] } as unknown as RootContent;
    tree.children.splice(at < 0 ? tree.children.length : at, 0, node);
  }
  const paper = paperBody(tree, converter, directiveHost(ctx), diagnostics);
  void responded;
  // Entries the author wrote but the paper does not print would be lost without a word.
  if (facts.manifest.futureChanges?.length && !futureChanges.length) {
    diagnostics.add('unplaced-future-changes', facts.manifest.keyOffsets['future-changes'] ?? facts.manifest.offset, '`future-changes:` is not printed: put `::future-changes` where the paper lists changes for future consideration');
  }

  const contents: ContentsEntry[] = numberHeadings(paper.body);
  const coverTemplate = consultationTemplate(style, 'cover.md');
  const coverTree = fillTemplate(coverTemplate.text, values, coverTemplate.path, templateProblems);
  const plain = (nodes: readonly RootContent[]): Block[] => nodes.flatMap((n): Block[] => (n.type === 'paragraph' ? [{ kind: 'paragraph', content: converter.inlines(n.children) }] : []));
  const facts_ = [
    ...(facts.version ? [{ label: theme.labels.version, value: facts.version }] : []),
    { label: 'Date', value: longDate(facts.date) },
    ...(facts.closes ? [{ label: 'Closes', value: closesText(facts) }] : []),
    { label: 'Author', value: values.author! },
    ...(facts.respondTo ? [{ label: 'Responses to', value: facts.respondTo }] : []),
  ];
  const model: RenderDocument = {
    code: 'paper',
    title: facts.title,
    shortTitle: facts.title,
    reference: facts.id,
    version: facts.version,
    status: 'consultation',
    asAt: facts.date,
    asAtText: longDate(facts.date),
    running: {
      headerLeft: facts.title,
      headerRight: facts.version ? `${theme.labels.version} ${facts.version}` : '',
      footerLeft: `${values.author}, ${longDate(facts.date)}`,
      page: theme.labels.page,
    },
    metadata: {
      title: facts.subtitle ? `${facts.title}: ${facts.subtitle}` : facts.title,
      author: values.author!,
      subject: facts.subtitle ?? facts.title,
      keywords: [facts.id, 'Smart Energy Code', 'consultation', ...facts.annexes],
      language: 'en-GB',
      date: input.sourceDate,
    },
    cover: {
      reference: facts.id,
      title: facts.title,
      facts: facts_,
      notice: facts.subtitle ? [{ kind: 'paragraph', content: [{ kind: 'strong', children: [{ kind: 'text', text: facts.subtitle }] }] }] : [],
      preamble: [],
      boilerplate: plain(coverTree.children),
    },
    contentsTitle: theme.labels.contents,
    contents,
    body: paper.body,
    footnotes: paper.footnotes,
    omitted: [],
    problems: [],
  };
  renumberFootnotes(model);
  return { model, diagnostics, counts: paper.counts, retentionTables, futureChanges, templateProblems };
}
