/** `regmark lsp --stdio`: the language server, talking over this process's stdin and stdout. */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LSP_HELP } from './help.js';
import { dateOption, parse, today, UsageError } from './args.js';
import { defaultCacheDir } from '../pipeline.js';
import type { Io } from './io.js';

export async function lspCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(
    args,
    {
      stdio: { type: 'boolean' },
      root: { type: 'string' },
      'as-at': { type: 'string' },
      'no-cache': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) return io.out(LSP_HELP), 0;
  if (!values.stdio) throw new UsageError('--stdio is required: the server talks LSP over stdin and stdout');
  const root = values.root === undefined ? undefined : resolve(values.root);
  const asAt = dateOption(values['as-at'], 'as-at') ?? today();
  // The server and its library are loaded only to serve (not for --help or a usage error).
  const [{ createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter }, { startServer }] = await Promise.all([import('vscode-languageserver/node'), import('../lsp/server.js')]);
  // stdout carries the protocol: nothing else may be written there.
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  await startServer(connection, {
    ...(root ? { root } : {}),
    asAt,
    cacheDirFor: (r) => (values['no-cache'] ? undefined : defaultCacheDir(r)),
    validateRoot: (r) => (!existsSync(r) || !statSync(r).isDirectory() ? `${r}: no such folder` : existsSync(join(r, 'documents')) ? undefined : `${r} is not a content root: it has no documents/ folder`),
  });
  return 0;
}
