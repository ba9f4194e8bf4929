#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json says so): a command's bundle is a script too, so a start loads no ES module loader at
// all, some 10 ms of every command. Only a start from the unbundled dist/ (no `npm run build` yet) imports one.
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// The bundles (`npm run build` makes them after tsc, one per command) start in a fraction of the time of the ~400
// modules they are made of. They are used only when at least as new as the compiled code, so a bare `tsc` never
// runs stale code.
const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};
const argv = process.argv.slice(2);
const dist = join(__dirname, '../dist');
const compiled = mtime(join(dist, 'cli.js'));
const bundleOf = (name) => join(dist, 'bundled', `${name}.cjs`);
const command = /^[a-z]+$/.test(argv[0] ?? '') && mtime(bundleOf(argv[0])) >= 0 ? argv[0] : 'cli';
const fresh = (path) => {
  const at = mtime(path);
  return at >= 0 && at >= compiled;
};

// A reader that stops early (`regmark check | head`) closes the pipe; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const launcher = join(dist, 'bundled', 'runBundle.cjs');
const done =
  fresh(bundleOf(command)) && fresh(launcher)
    ? require(launcher).runBundle(bundleOf(command), argv)
    : import(pathToFileURL(join(dist, 'cli.js')).href).then(({ main }) => main(argv));
done.then((code) => {
  process.exitCode = code;
});
