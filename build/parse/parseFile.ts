/** One source file → its typed tree and the cacheable records the binder reads. Content problems become diagnostics, never exceptions. */
import type { Root } from 'mdast';
import type { FileRole, OffsetDiagnostic, ParsedFile } from '../model/corpus.js';
import { parseMarkdown } from './markdown.js';
import { fastParse } from './fastBlocks.js';
import { readDefinitionsHeader, readManifest, type FrontMatterSource } from './frontMatter.js';
import { parseMatrix } from './matrix.js';
import { structureClauses, structureDefinitions } from './structure.js';
import { structurePaper } from './paper.js';
import type { InlineContext } from './inline.js';
import { readClauseRecords, readDefinitionRecords } from './plainRecords.js';
import { emphasisTooDeep, MAX_NESTING, MAX_TREE_DEPTH, tooDeep, treeTooDeep } from './nesting.js';

export interface ParseOutput {
  file: ParsedFile;
  tree: Root;
}

function frontMatterOf(tree: Root, text: string): FrontMatterSource | undefined {
  const first = tree.children[0];
  if (!first || first.type !== 'yaml' || first.position?.start.offset === undefined) return undefined;
  const newline = text.indexOf('\n', first.position.start.offset);
  return { value: first.value, offset: newline < 0 ? first.position.start.offset : newline + 1 };
}

export interface ParseOptions {
  /**
   * Let clause files in the plain subset be read by the fast reader. Checking uses it; renderers and the
   * formatter, which need every detail of the tree, read with remark-parse.
   */
  fast?: boolean;
  /** A tree the caller already read (the fast reader's), so the file is not read twice. */
  tree?: Root;
}

/** A consultation paper's manifest holds directives (`::changes{doc=AM}`), which only remark's directive extension reads. */
function readsDirectives(role: FileRole, text: string): boolean {
  return role === 'manifest' && /^kind:\s*consultation\s*$/m.test(text.slice(0, 4000));
}

/**
 * A Markdown source's tree by the fast reader, or undefined when it is not the reader's to read (a device matrix, a
 * consultation paper) or the reader declines it. Any other manifest is read so too: remark, the first time a run
 * calls it, took some 20 ms to read a manifest of a dozen lines, and every document has one.
 */
export function fastTree(role: FileRole, text: string): Root | undefined {
  return role !== 'matrix' && !readsDirectives(role, text) ? fastParse(text) : undefined;
}

export function parseSource(path: string, role: FileRole, doc: string, text: string, preDiagnostics: OffsetDiagnostic[] = [], options: ParseOptions = {}): ParseOutput {
  const diagnostics: OffsetDiagnostic[] = [...preDiagnostics];
  const file: ParsedFile = { path, role, doc, provisions: [], definitions: [], diagnostics, untagged: [] };
  if (role === 'matrix') {
    const matrix = parseMatrix(text, doc, path, diagnostics);
    if (matrix) file.matrix = matrix;
    return { file, tree: { type: 'root', children: [] } };
  }
  const deep = tooDeep(text);
  if (deep) {
    diagnostics.push({ code: 'unreadable-file', offset: deep.offset, message: `lists or quotes nest ${deep.depth} levels deep here (the limit is ${MAX_NESTING}); the file is not read` });
    return { file, tree: { type: 'root', children: [] } };
  }
  const emphasis = emphasisTooDeep(text);
  if (emphasis) {
    diagnostics.push({ code: 'unreadable-file', offset: emphasis.offset, message: `emphasis opens inside emphasis more than ${MAX_TREE_DEPTH} times here; the file is not read` });
    return { file, tree: { type: 'root', children: [] } };
  }
  let tree: Root;
  try {
    tree = options.tree ?? (options.fast ? fastTree(role, text) : undefined) ?? parseMarkdown(text, { directives: readsDirectives(role, text) });
  } catch (error) {
    // micromark recurses on some pathological nesting; the file is reported and the corpus checked on.
    const reason = error instanceof RangeError ? 'nesting too deep to read' : error instanceof Error ? error.message : String(error);
    diagnostics.push({ code: 'unreadable-file', offset: 0, message: `cannot parse this file: ${reason}` });
    return { file, tree: { type: 'root', children: [] } };
  }
  const nested = treeTooDeep(tree);
  if (nested) {
    diagnostics.push({ code: 'unreadable-file', offset: nested.offset, message: `text nests more than ${MAX_TREE_DEPTH} levels deep here (emphasis, links or lists inside each other); the file is not read` });
    return { file, tree: { type: 'root', children: [] } };
  }
  const ctx: InlineContext = { source: text, diagnostics, untagged: file.untagged };
  const frontMatter = frontMatterOf(tree, text);
  if (role === 'manifest') {
    const { manifest, diagnostics: found } = readManifest(frontMatter, doc, 0);
    diagnostics.push(...found);
    if (manifest) file.manifest = manifest;
    if (manifest?.kind === 'consultation') file.paper = structurePaper(tree, ctx);
  } else if (role === 'definitions') {
    const { document, title, diagnostics: found } = readDefinitionsHeader(frontMatter, doc, 0);
    diagnostics.push(...found);
    if (document !== undefined) file.declaredDocument = document;
    if (title !== undefined) file.definitionsTitle = title;
    file.definitions = structureDefinitions(tree, ctx).definitions;
  } else {
    if (frontMatter) diagnostics.push(frontMatterInClauses(frontMatter.offset, doc));
    file.provisions = structureClauses(tree, ctx).provisions;
  }
  return { file, tree };
}

function frontMatterInClauses(offset: number, doc: string): OffsetDiagnostic {
  return { code: 'invalid-front-matter', offset, message: 'clause files take no front matter: document facts belong in documents/' + doc + '.md' };
}

/**
 * A clause or definitions file read straight to the records parseSource gives, for a load that keeps no tree;
 * undefined when the file is outside the fast reader's subset, or has a problem parseSource must report (nesting too
 * deep), or is of another role.
 */
export function parseRecords(path: string, role: FileRole, doc: string, text: string, preDiagnostics: OffsetDiagnostic[] = []): ParsedFile | undefined {
  if ((role !== 'clauses' && role !== 'definitions') || tooDeep(text) || emphasisTooDeep(text)) return undefined;
  const diagnostics = [...preDiagnostics];
  const file: ParsedFile = { path, role, doc, provisions: [], definitions: [], diagnostics, untagged: [] };
  if (role === 'clauses') {
    const read = readClauseRecords(text);
    if (!read) return undefined;
    if (read.frontMatter) diagnostics.push(frontMatterInClauses(read.frontMatter.offset, doc));
    diagnostics.push(...read.diagnostics);
    return { ...file, provisions: read.provisions, untagged: read.untagged };
  }
  const read = readDefinitionRecords(text);
  if (!read) return undefined;
  const { document, title, diagnostics: found } = readDefinitionsHeader(read.frontMatter, doc, 0);
  diagnostics.push(...found, ...read.diagnostics);
  file.untagged = read.untagged;
  if (document !== undefined) file.declaredDocument = document;
  if (title !== undefined) file.definitionsTitle = title;
  file.definitions = read.definitions;
  return file;
}
