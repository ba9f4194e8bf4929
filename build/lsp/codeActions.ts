/**
 * Quick fixes for the diagnostics an editor shows: retain a dangling term's definition into the document that uses
 * it (the plan `regmark retain "AL GroupID" --to AM` would write), tag an untagged reference, and correct a
 * misspelt attribute name.
 */
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { refOfPath } from '../format/sourcePaths.js';
import { renameAttribute, tagReference } from '../query/quickFixes.js';
import type { TextChange } from '../query/renameTerm.js';
import type { Workspace } from './workspace.js';

/** Text changes as a WorkspaceEdit, positions counted in the texts the workspace checked. */
export function workspaceEdit(ws: Workspace, changes: TextChange[]): WorkspaceEdit {
  const byUri: Record<string, TextEdit[]> = {};
  for (const c of changes) {
    const t = ws.text(c.file);
    if (!t) continue;
    (byUri[ws.uriOf(c.file)] ??= []).push({ range: t.lines.range(c.start, c.end), newText: c.text });
  }
  return { changes: byUri };
}

/** The one edit that turns `before` into `after`: what lies between their common beginning and end. */
function minimalChange(file: string, before: string, after: string): TextChange {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { file, start, end: before.length - end, text: after.slice(start, after.length - end) };
}

async function retainDefinition(ws: Workspace, path: string, offset: number, diagnostic: LspDiagnostic): Promise<CodeAction | undefined> {
  const hit = ws.index.at(path, offset);
  const doc = refOfPath(path)?.doc;
  if (!hit || hit.kind !== 'use' || !doc || !ws.corpus.documents.has(doc)) return undefined;
  const homes = (ws.corpus.definitions.get(hit.term) ?? []).filter((h) => !h.version && h.home !== doc);
  if (!homes.length || homes.length !== (ws.corpus.definitions.get(hit.term) ?? []).filter((h) => !h.version).length) return undefined;
  // The home that stays in force longest is the one the copy records as its origin.
  const home = homes.reduce((best, h) => ((h.inForce.until ?? '9999') > (best.inForce.until ?? '9999') ? h : best));
  // Retention (and the Markdown writer it uses) is loaded the first time an author asks for it.
  const { planRetention, RetainRefusal } = await import('../retain/planRetention.js');
  let plan;
  try {
    plan = planRetention(ws.corpus, { source: `${home.home} ${hit.term}`, to: doc });
  } catch (error) {
    if (error instanceof RetainRefusal) return undefined;
    throw error;
  }
  if (!plan.changes.length) return undefined;
  const created = plan.changes.filter((c) => c.before === undefined);
  const edit: WorkspaceEdit = created.length
    ? {
        documentChanges: plan.changes.flatMap((c) => [
          ...(c.before === undefined ? [{ kind: 'create' as const, uri: ws.uriOf(c.path), options: { ignoreIfExists: true } }] : []),
          { textDocument: { uri: ws.uriOf(c.path), version: null }, edits: [{ range: c.before === undefined ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : ws.text(c.path)!.lines.range(0, c.before.length), newText: c.after }] },
        ]),
      }
    : workspaceEdit(ws, plan.changes.map((c) => minimalChange(c.path, c.before!, c.after)));
  return { title: `Retain the definition into ${doc}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit };
}

export async function codeActionsFor(ws: Workspace, path: string, diagnostics: LspDiagnostic[]): Promise<CodeAction[]> {
  const t = ws.text(path);
  if (!t) return [];
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'regmark') continue;
    const offset = t.lines.offsetAt(d.range.start);
    if (d.code === 'dangling-definition') {
      const action = await retainDefinition(ws, path, offset, d);
      if (action) actions.push(action);
    } else if (d.code === 'untagged-reference') {
      const fix = tagReference(ws.corpus, path, offset);
      if (fix) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: workspaceEdit(ws, [fix.change]) });
    } else if (d.code === 'invalid-attribute' && typeof d.message === 'string' && d.message.includes('unknown attribute')) {
      for (const [i, fix] of renameAttribute(ws.corpus, path, offset).entries()) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0, edit: workspaceEdit(ws, [fix.change]) });
    }
  }
  return actions;
}
