/**
 * `regmark lsp`: a Language Server Protocol server over the same session and queries as `check --watch`,
 * `uses` and `retain`. This file only translates: LSP requests in, query answers out.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CompletionItemKind,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type InitializeParams,
  type Location,
  type Position,
  type SymbolInformation,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { IsoDate } from '../model/dates.js';
import { decodeUtf8 } from '../parse/decode.js';
import { refOfPath } from '../format/sourcePaths.js';
import { explain } from '../query/explain.js';
import { findSymbols, outlineOf, referenceCompletions, typedReference, type OutlineItem } from '../query/outline.js';
import { renameTerm, RenameRefusal } from '../query/renameTerm.js';
import type { Occurrence, Span } from '../query/symbolIndex.js';
import { codeActionsFor, workspaceEdit } from './codeActions.js';
import { Workspace } from './workspace.js';

export interface ServerOptions {
  /** The content root; else the client's first workspace folder or root URI, else the current folder. */
  root?: string;
  asAt: IsoDate;
  /** Decides the parse cache folder once the root is known (undefined: no cache). */
  cacheDirFor?: (root: string) => string | undefined;
  /** Must be a content root (a documents/ folder); says why not. */
  validateRoot?: (root: string) => string | undefined;
}

const SYMBOL_KINDS = { section: SymbolKind.Namespace, clause: SymbolKind.Field, subParagraph: SymbolKind.EnumMember, term: SymbolKind.Constant, document: SymbolKind.Module } as const;
const COMPLETION_KINDS = { document: CompletionItemKind.Module, section: CompletionItemKind.Folder, clause: CompletionItemKind.Reference, subParagraph: CompletionItemKind.EnumMember } as const;

function rootOf(params: InitializeParams, given: string | undefined): string {
  if (given) return given;
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (uri) return fileURLToPath(uri);
  return params.rootPath ?? process.cwd();
}

/** Wires the handlers; resolves when the client has sent `exit` (or the stream closed). */
export function startServer(connection: Connection, options: ServerOptions): Promise<void> {
  const documents = new TextDocuments(TextDocument);
  let opened: ((ws: Workspace | undefined) => void) | undefined;
  const workspace = new Promise<Workspace | undefined>((resolve) => (opened = resolve));
  const openVersions = new Map<string, number>();
  const log = (message: string) => connection.console.error(message);

  connection.onInitialize((params) => {
    const root = rootOf(params, options.root);
    const problem = options.validateRoot?.(root);
    if (problem) throw new ResponseError(LSPErrorCodes.RequestFailed, problem);
    const cacheDir = options.cacheDirFor?.(root);
    // The corpus is read once the client is ready for diagnostics; requests wait for it.
    connection.onInitialized(() => {
      Workspace.open(root, {
        asAt: options.asAt,
        ...(cacheDir ? { cacheDir } : {}),
        publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
        log,
      }).then(
        (ws) => opened!(ws),
        (error: unknown) => {
          log(`regmark: cannot read ${root}: ${(error as Error).message}`);
          opened!(undefined);
        },
      );
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: ['[', ' '] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'regmark' },
    };
  });

  /** The workspace once every queued re-check has run, and the path and offset a request names. */
  async function at(uri: string, position?: Position): Promise<{ ws: Workspace; path: string; offset: number } | undefined> {
    const ws = await workspace;
    if (!ws) return undefined;
    const path = ws.pathOf(uri);
    if (!path) return undefined;
    await ws.settled();
    const t = ws.text(path);
    if (!t) return undefined;
    return { ws, path, offset: position ? t.lines.offsetAt(position) : 0 };
  }

  const location = (ws: Workspace, span: Span): Location | undefined => {
    const t = ws.text(span.file);
    return t ? { uri: ws.uriOf(span.file), range: t.lines.range(span.start, span.end) } : undefined;
  };
  const locations = (ws: Workspace, spans: Span[]) => spans.map((s) => location(ws, s)).filter((l): l is Location => l !== undefined);

  /** Where an occurrence is defined: a term's homes, a reference's targets, a retained provision's origin. */
  function definitionsOf(ws: Workspace, hit: Occurrence): Span[] {
    const provisionSpan = (id: string): Span | undefined => {
      const p = ws.corpus.provisions.get(id);
      return p && ws.index.provisionOccurrence(p);
    };
    switch (hit.kind) {
      case 'use':
      case 'definition':
        return (ws.corpus.definitions.get(hit.term) ?? []).filter((h) => !h.version).map((h) => ({ file: h.file, start: h.record.offset, end: h.record.offset + h.term.length }));
      case 'reference':
        return hit.reference.targets.flatMap((t) => {
          if (t.kind === 'provision') return provisionSpan(t.id) ?? [];
          const doc = ws.corpus.documents.get(t.doc);
          return doc ? [{ file: doc.manifestPath, start: 0, end: 0 }] : [];
        });
      case 'provision': {
        const from = hit.symbol.record.attributes.from;
        const span = from ? provisionSpan(from) : undefined;
        return span ? [span] : [];
      }
    }
  }

  // Each handler answers null (or an empty list) rather than fail on a file or position it does not know.
  connection.onHover(async ({ textDocument, position }) => {
    const req = await at(textDocument.uri, position);
    const hit = req && req.ws.index.at(req.path, req.offset);
    if (!req || !hit) return null;
    return { contents: { kind: MarkupKind.Markdown, value: explain(req.ws.corpus, req.ws.index, hit, req.ws.asAt) }, range: req.ws.text(req.path)!.lines.range(hit.start, hit.end) };
  });

  connection.onDefinition(async ({ textDocument, position }) => {
    const req = await at(textDocument.uri, position);
    const hit = req && req.ws.index.at(req.path, req.offset);
    return req && hit ? locations(req.ws, definitionsOf(req.ws, hit)) : null;
  });

  connection.onReferences(async ({ textDocument, position, context }) => {
    const req = await at(textDocument.uri, position);
    const hit = req && req.ws.index.at(req.path, req.offset);
    if (!req || !hit) return null;
    const { ws } = req;
    if (hit.kind === 'use' || hit.kind === 'definition') return locations(ws, ws.index.termOccurrences(hit.term).filter((o) => context.includeDeclaration || o.kind === 'use'));
    const target = hit.kind === 'provision' ? hit.symbol.id : hit.reference.targets[0]?.kind === 'provision' ? hit.reference.targets[0].id : hit.reference.targets[0]?.doc;
    if (!target) return [];
    // The declaration of a clause is its number: the one under the cursor, or the reference's target.
    const declarations: Span[] = !context.includeDeclaration ? [] : hit.kind === 'provision' ? [hit] : definitionsOf(ws, hit);
    return locations(ws, [...declarations, ...ws.index.referencesTo(target)]);
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const req = await at(textDocument.uri, position);
    if (!req) return null;
    const t = req.ws.text(req.path)!;
    const lineStart = t.lines.offsetAt({ line: position.line, character: 0 });
    const typed = typedReference(t.text.slice(lineStart, req.offset));
    if (typed === undefined) return null;
    const items: CompletionItem[] = referenceCompletions(req.ws.corpus, refOfPath(req.path)?.doc, typed).map((c) => ({
      label: c.label,
      kind: COMPLETION_KINDS[c.kind],
      detail: c.detail,
      sortText: c.sortText,
      textEdit: { range: t.lines.range(req.offset - c.replaces, req.offset), newText: c.label },
    }));
    return { isIncomplete: false, items };
  });

  connection.onDocumentSymbol(async ({ textDocument }) => {
    const req = await at(textDocument.uri);
    if (!req) return null;
    const file = req.ws.corpus.files.find((f) => f.path === req.path);
    const t = req.ws.text(req.path)!;
    if (!file) return [];
    const toSymbol = (item: OutlineItem): DocumentSymbol => ({
      name: item.name,
      ...(item.detail ? { detail: item.detail } : {}),
      kind: SYMBOL_KINDS[item.kind],
      range: t.lines.range(item.start, item.end),
      selectionRange: t.lines.range(item.nameStart, item.nameEnd),
      children: item.children.map(toSymbol),
    });
    return outlineOf(file, t.text).map(toSymbol);
  });

  connection.onWorkspaceSymbol(async ({ query }) => {
    const ws = await workspace;
    if (!ws) return [];
    await ws.settled();
    return findSymbols(ws.corpus, ws.index, query).flatMap((s): SymbolInformation[] => {
      const l = location(ws, s);
      return l ? [{ name: s.name, kind: SYMBOL_KINDS[s.kind], location: l, ...(s.container ? { containerName: s.container } : {}) }] : [];
    });
  });

  const refuse = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);
  const termAt = async (uri: string, position: Position) => {
    const req = await at(uri, position);
    const hit = req && req.ws.index.at(req.path, req.offset);
    if (!req || !hit || (hit.kind !== 'use' && hit.kind !== 'definition')) throw refuse('Only a defined term can be renamed: put the cursor on a term or on its definition.');
    return { ...req, hit };
  };

  connection.onPrepareRename(async ({ textDocument, position }) => {
    const { ws, path, hit } = await termAt(textDocument.uri, position);
    return { range: ws.text(path)!.lines.range(hit.start, hit.end), placeholder: hit.term };
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const { ws, hit } = await termAt(textDocument.uri, position);
    try {
      return workspaceEdit(ws, renameTerm(ws.corpus, ws.index, hit.term, newName));
    } catch (error) {
      if (error instanceof RenameRefusal) throw refuse(error.message);
      throw error;
    }
  });

  connection.onCodeAction(async ({ textDocument, context }) => {
    const req = await at(textDocument.uri);
    return req ? codeActionsFor(req.ws, req.path, context.diagnostics) : null;
  });

  documents.onDidOpen(({ document }) => openVersions.set(document.uri, document.version));
  documents.onDidChangeContent(({ document }) => {
    void workspace.then(async (ws) => {
      const path = ws?.pathOf(document.uri);
      if (!ws || !path) return;
      // A file opened as it is on disk stays read from disk, so a file that is not UTF-8 is reported as `check` does.
      if (openVersions.get(document.uri) === document.version) {
        const bytes = await readFile(join(ws.root, path)).catch(() => undefined);
        if (bytes && decodeUtf8(bytes).invalidAt !== undefined) return;
      }
      ws.setBuffer(path, document.getText());
    }).catch((error: unknown) => log(`regmark: ${(error as Error).message}`));
  });
  documents.onDidClose(({ document }) => {
    openVersions.delete(document.uri);
    void workspace.then((ws) => {
      const path = ws?.pathOf(document.uri);
      if (ws && path) ws.setBuffer(path, undefined);
    });
  });
  documents.listen(connection);

  return new Promise((resolve) => {
    connection.onShutdown(async () => {
      const ws = await Promise.race([workspace, Promise.resolve(undefined)]);
      await ws?.close();
    });
    // The library ends the process after `exit` (status 0 after `shutdown`, else 1), as the protocol asks.
    connection.onExit(() => resolve());
    connection.listen();
  });
}
