/** Runs the CLI in-process with captured output, as a user's terminal would see it. */
import { main } from '../cli.js';

export async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n'), color: false });
  return { code, out, err };
}
