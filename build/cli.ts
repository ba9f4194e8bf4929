/** Commands → pipeline. No logic lives here beyond choosing the command and turning failures into exit codes. */
import { ArgumentError, EXIT, InputError } from './diagnostics/catalogue.js';
import { UsageError } from './cli/args.js';
import { BUILD_HELP, CHECK_HELP, FMT_HELP, IMPACT_HELP, LSP_HELP, PACK_HELP, REDLINE_HELP, RETAIN_HELP, USES_HELP } from './cli/help.js';
import { packageVersion } from './cli/version.js';
import { processIo, type Io } from './cli/io.js';

type Command = (args: string[], io: Io) => Promise<number>;

/** Each command's code is loaded when it runs: `regmark check` never loads a renderer, `--help` loads nothing. */
const COMMANDS: Record<string, { load: () => Promise<Command>; help: string }> = {
  build: { load: async () => (await import('./cli/buildCommand.js')).buildCommand, help: BUILD_HELP },
  check: { load: async () => (await import('./cli/checkCommand.js')).checkCommand, help: CHECK_HELP },
  fmt: { load: async () => (await import('./cli/fmtCommand.js')).fmtCommand, help: FMT_HELP },
  impact: { load: async () => (await import('./cli/impactCommand.js')).impactCommand, help: IMPACT_HELP },
  lsp: { load: async () => (await import('./cli/lspCommand.js')).lspCommand, help: LSP_HELP },
  pack: { load: async () => (await import('./cli/packCommand.js')).packCommand, help: PACK_HELP },
  redline: { load: async () => (await import('./cli/redlineCommand.js')).redlineCommand, help: REDLINE_HELP },
  retain: { load: async () => (await import('./cli/retainCommand.js')).retainCommand, help: RETAIN_HELP },
  uses: { load: async () => (await import('./cli/usesCommand.js')).usesCommand, help: USES_HELP },
};

const USAGE = `regmark — Smart Energy Code documents as code

Commands:
${Object.values(COMMANDS)
  .map((c) => '  ' + c.help.split('\n')[0])
  .join('\n')}

Run \`regmark <command> --help\` for details.`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return io.out(USAGE), name ? EXIT.ok : EXIT.usage;
  if (name === '--version') return io.out(packageVersion()), 0;
  const command = COMMANDS[name];
  if (!command) {
    io.err(`regmark: unknown command \`${name}\`\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.err(`regmark ${name}: ${error.message}`);
      return error instanceof UsageError || error instanceof ArgumentError ? EXIT.usage : EXIT.failed;
    }
    // A broken invariant, not a content problem: say so plainly; the stack only on request.
    io.err(
      `regmark ${name}: internal error: ${(error as Error).message ?? String(error)}${process.env.REGMARK_DEBUG ? '\n' + (error as Error).stack : ''}\n` +
        `This is a fault in regmark, not in your documents. Please report it with the command you ran, regmark ${packageVersion()}, ` +
        `and the output of the same command run with REGMARK_DEBUG=1 (it adds the stack).`,
    );
    return EXIT.internal;
  }
}
