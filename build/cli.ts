/** Commands → pipeline. No logic lives here beyond choosing the command and turning failures into exit codes. */
import { UsageError } from './cli/args.js';
import { BUILD_HELP, buildCommand } from './cli/buildCommand.js';
import { CHECK_HELP, checkCommand, packageVersion } from './cli/checkCommand.js';
import { FMT_HELP, fmtCommand } from './cli/fmtCommand.js';
import { IMPACT_HELP, impactCommand } from './cli/impactCommand.js';
import { PACK_HELP, packCommand } from './cli/packCommand.js';
import { REDLINE_HELP, redlineCommand } from './cli/redlineCommand.js';
import { RETAIN_HELP, retainCommand } from './cli/retainCommand.js';
import { USES_HELP, usesCommand } from './cli/usesCommand.js';
import { processIo, type Io } from './cli/io.js';

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  build: { run: buildCommand, help: BUILD_HELP },
  check: { run: checkCommand, help: CHECK_HELP },
  fmt: { run: fmtCommand, help: FMT_HELP },
  impact: { run: impactCommand, help: IMPACT_HELP },
  pack: { run: packCommand, help: PACK_HELP },
  redline: { run: redlineCommand, help: REDLINE_HELP },
  retain: { run: retainCommand, help: RETAIN_HELP },
  uses: { run: usesCommand, help: USES_HELP },
};

const USAGE = `regmark — Smart Energy Code documents as code

Commands:
${Object.values(COMMANDS)
  .map((c) => '  ' + c.help.split('\n')[0])
  .join('\n')}

Run \`regmark <command> --help\` for details.`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return io.out(USAGE), name ? 0 : 2;
  if (name === '--version') return io.out(packageVersion()), 0;
  const command = COMMANDS[name];
  if (!command) {
    io.err(`regmark: unknown command \`${name}\`\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`regmark ${name}: ${error.message}`);
      return 2;
    }
    // A broken invariant, not a content problem: say so plainly; the stack only on request.
    io.err(
      `regmark ${name}: internal error: ${(error as Error).message ?? String(error)}${process.env.REGMARK_DEBUG ? '\n' + (error as Error).stack : ''}\n` +
        `This is a fault in regmark, not in your documents. Please report it with the command you ran, regmark ${packageVersion()}, ` +
        `and the output of the same command run with REGMARK_DEBUG=1 (it adds the stack).`,
    );
    return 70;
  }
}
