#!/usr/bin/env node
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The bundles (`npm run build` makes them after tsc, one per command) start in a fraction of the time of the ~400
// modules they are made of. They are used only when at least as new as the compiled code, so a bare `tsc` never
// runs stale code.
const mtime = (url) => {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
};
const argv = process.argv.slice(2);
const compiled = mtime(new URL('../dist/cli.js', import.meta.url));
const bundleOf = (name) => new URL(`../dist/bundled/${name}.cjs`, import.meta.url);
const command = /^[a-z]+$/.test(argv[0] ?? '') && mtime(bundleOf(argv[0])) >= 0 ? argv[0] : 'cli';
const bundled = mtime(bundleOf(command));

// A reader that stops early (`regmark check | head`) closes the pipe; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

if (bundled >= 0 && bundled >= compiled) {
  const { runBundle } = await import('../dist/runBundle.js');
  process.exitCode = await runBundle(fileURLToPath(bundleOf(command)), argv);
} else {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(argv);
}
