/**
 * A client for tests and the benchmark: starts the built `regmark lsp --stdio` as a child process and talks to it
 * with vscode-languageserver-protocol, keeping the latest diagnostics per file and letting callers wait for them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';

const BIN = fileURLToPath(new URL('../../bin/regmark.js', import.meta.url));

export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publication, in the order received. */
  readonly publications: PublishDiagnosticsParams[] = [];
  private waiters: Array<() => void> = [];
  private versions = new Map<string, number>();
  stderr = '';
  readonly exited: Promise<number | null>;

  private constructor(
    readonly root: string,
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.publications.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Starts the server in `root` (the client names it as its workspace folder) and completes the handshake. */
  static async start(root: string, args: string[] = []): Promise<LspClient> {
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio', ...args], { cwd: root, stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(root, child, connection);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'content' }],
      capabilities: { textDocument: { rename: { prepareSupport: true } }, workspace: { workspaceEdit: { documentChanges: true } } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uri(path: string): string {
    return pathToFileURL(join(this.root, path)).href;
  }

  /** Resolves when `holds` is true of the diagnostics received (checked on each notification). */
  waitFor(holds: (diagnostics: Map<string, Diagnostic[]>) => boolean, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such diagnostics within ${timeoutMs} ms; have ${JSON.stringify([...this.diagnostics])}\n${this.stderr}`)), timeoutMs);
      const check = () => {
        if (holds(this.diagnostics)) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }

  of(path: string): Diagnostic[] {
    return this.diagnostics.get(this.uri(path)) ?? [];
  }

  async open(path: string, text: string, uri = this.uri(path)): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  async change(path: string, range: Range, text: string): Promise<void> {
    const uri = this.uri(path);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}
