/**
 * The body of a consultation paper, read like clause text: every `[[…]]` is split out by the one reference reader
 * (inline.ts) into crossReference nodes and records the binder resolves, text runs are kept for term detection,
 * and leaf directives are recorded with their arguments so that `check` can judge them before any pack is built.
 */
import type { Nodes, Root } from 'mdast';
import type { DirectiveRecord, OffsetDiagnostic, PaperRecord } from '../model/corpus.js';
import { didYouMean } from '../model/suggest.js';
import { hasChildren, splitText, type InlineContext } from './inline.js';

/** The directives a paper may use: their required and optional attributes. */
export const DIRECTIVES: Record<string, { required: string[]; optional: string[] }> = {
  'retention-table': { required: ['from'], optional: ['order'] },
  impact: { required: ['doc'], optional: ['in', 'on'] },
  changes: { required: ['doc'], optional: [] },
  'how-to-respond': { required: [], optional: [] },
  closing: { required: [], optional: [] },
  'future-changes': { required: [], optional: [] },
};

/** Nodes whose text is never a reference or a term use. */
const OPAQUE = new Set(['yaml', 'code', 'inlineCode', 'html', 'definition', 'image', 'imageReference', 'crossReference']);

interface DirectiveNode {
  type: string;
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  children?: Nodes[];
  position?: { start: { offset?: number } };
}

/** "17:00" reads as a text directive named "00": with no attributes and no label it is prose, not a directive. */
export function isProseDirective(node: { type: string; attributes?: Record<string, unknown> | null; children?: unknown[] }): boolean {
  return node.type === 'textDirective' && !Object.keys(node.attributes ?? {}).length && !node.children?.length;
}

const isDirective = (node: Nodes) => node.type === ('leafDirective' as string) || node.type === ('textDirective' as string) || node.type === ('containerDirective' as string);

/** What is wrong with a directive's name and attribute names, whatever the corpus holds. */
export function directiveSyntaxProblems(record: DirectiveRecord): string[] {
  if (record.type !== 'leafDirective') return [`\`${record.name}\` must stand alone on its line as a leaf directive (\`::${record.name}{…}\`)`];
  const spec = DIRECTIVES[record.name];
  if (!spec) return [`unknown directive \`::${record.name}\` (known: ${Object.keys(DIRECTIVES).map((n) => '::' + n).join(', ')})${didYouMean(record.name, Object.keys(DIRECTIVES), (n) => `\`::${n}\``)}`];
  const allowed = [...spec.required, ...spec.optional];
  const problems: string[] = [];
  for (const key of Object.keys(record.attributes)) {
    if (!allowed.includes(key)) problems.push(`\`::${record.name}\` has no attribute \`${key}\` (allowed: ${allowed.join(', ') || 'none'})${didYouMean(key, allowed)}`);
  }
  for (const key of spec.required) if (!record.attributes[key]) problems.push(`\`::${record.name}\` needs \`${key}=\` (e.g. \`::${record.name}{${key}=AL}\`)`);
  return problems;
}

export function directiveRecord(node: DirectiveNode): DirectiveRecord {
  return {
    name: node.name,
    type: node.type as DirectiveRecord['type'],
    attributes: Object.fromEntries(Object.entries(node.attributes ?? {}).map(([k, v]) => [k, v ?? ''])),
    offset: node.position?.start.offset ?? 0,
  };
}

/** Rewrites the paper's tree in place and returns what the binder and the checks read. */
export function structurePaper(root: Root, ctx: InlineContext): PaperRecord {
  const record: PaperRecord = { runs: [], references: [], directives: [] };
  // A paper speaks of provisions that do not exist yet ("a new Section 2A"): prose citations are not flagged there.
  const inner: InlineContext = { ...ctx, untagged: [] };
  const stack: Nodes[] = [...root.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (OPAQUE.has(node.type)) continue;
    if (isDirective(node)) {
      if (isProseDirective(node as unknown as DirectiveNode)) continue;
      const directive = directiveRecord(node as unknown as DirectiveNode);
      record.directives.push(directive);
      for (const problem of directiveSyntaxProblems(directive)) ctx.diagnostics.push({ code: 'invalid-directive', offset: directive.offset, message: problem } satisfies OffsetDiagnostic);
      continue;
    }
    if (!hasChildren(node)) continue;
    const rewritten: Nodes[] = [];
    for (const child of node.children as Nodes[]) {
      if (child.type === 'text') rewritten.push(...(splitText(child, record, inner) as Nodes[]));
      else rewritten.push(child);
    }
    node.children = rewritten as never;
    for (let i = rewritten.length - 1; i >= 0; i--) if (rewritten[i]!.type !== 'text') stack.push(rewritten[i]!);
  }
  return record;
}
