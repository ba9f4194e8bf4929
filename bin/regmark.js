#!/usr/bin/env node
import { statSync } from 'node:fs';

// The bundled CLI (`npm run build` makes it after tsc) starts in a fraction of the time of the ~400 modules it is
// made of; it is used only when it is at least as new as the compiled code, so a bare `tsc` never runs stale code.
const mtime = (path) => {
  try {
    return statSync(new URL(path, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = mtime('../dist/bundled/cli.js');
const { main } = await import(bundled >= 0 && bundled >= mtime('../dist/cli.js') ? '../dist/bundled/cli.js' : '../dist/cli.js');

// A reader that stops early (`regmark check | head`) closes the pipe; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
