/**
 * Starts `regmark lsp --stdio` for a workspace that is a regmark content root (it has documents/*.md) and hands
 * the Markdown sources under documents/, clauses/ and definitions/ to it.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** A path ending in .js is run with the Node that runs the editor's extensions; anything else as a command. */
function serverOptions(): ServerOptions {
  const config = vscode.workspace.getConfiguration('regmark');
  const path = config.get<string>('path', 'regmark');
  const args = ['lsp', '--stdio', ...config.get<string[]>('args', [])];
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (path.endsWith('.js')) return { module: path, args, transport: TransportKind.stdio, ...(cwd ? { options: { cwd } } : {}) };
  return { command: path, args, transport: TransportKind.stdio, options: { shell: process.platform === 'win32', ...(cwd ? { cwd } : {}) } };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown', pattern: '**/documents/*.md' },
      { scheme: 'file', language: 'markdown', pattern: '**/clauses/*/*.md' },
      { scheme: 'file', language: 'markdown', pattern: '**/definitions/*.md' },
    ],
  };
  client = new LanguageClient('regmark', 'regmark', serverOptions(), clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('regmark.restart', async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
