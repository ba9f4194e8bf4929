/**
 * After `tsc`: bundles the compiled CLI into dist/bundled/ as CommonJS files, one per command (`check.cjs`,
 * `build.cjs`, …, each the CLI with that one command's code), `cli.cjs` for help and version, and the two worker
 * entries. Starting a command then reads one file instead of some four hundred small modules, and, being a script
 * rather than an ES module, can be compiled from V8's code cache (`runBundle.ts`, bundled as `runBundle.cjs` for
 * bin/regmark.js to require), which Node 20 offers ES modules no way to use. The renderers' data-file packages stay
 * outside the bundle (they read files beside their own code) and are required from their packages. dist/bundled/
 * sits as deep under the package as every other folder of dist/, so paths the code takes relative to itself
 * (templates, package.json, bin/) hold in both.
 *
 *   node dist/bundleCli.js [FOLDER]     (FOLDER under dist/, default `bundled`)
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = import.meta.dirname;
const folder = process.argv[2] ?? 'bundled';
if (!/^[\w.-]+$/.test(folder)) throw new Error(`bundle folder must be one name under dist/: ${folder}`);
const out = join(dist, folder);
/** Packages with data files of their own, or loaded only by the language server. */
const EXTERNAL = ['dejavu-fonts-ttf', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument', 'tsx', 'tsx/*'];

/**
 * pdfkit, fontkit and linebreak go into the bundle: loaded from their packages, a PDF build spent some 150 ms of its
 * start resolving and reading a score of small modules. Two of those modules are never used and are not bundled:
 * brotli, which fontkit loads for WOFF2 fonts (a PDF here embeds TrueType DejaVu only) and which decodes a dictionary
 * of 120 kB as it loads; and the AES ciphers of pdfkit's encryption, which no PDF here is given. Each is replaced by
 * a module that fails loudly if it is ever called. fontkit's shapers for Arabic, Indic and other complex scripts each
 * inflate a table of character classes as fontkit loads (some 10 ms in all, in every thread that draws a PDF);
 * bundled, each table is inflated when its shaper first looks a character up, which Latin text never makes it do.
 * pdfkit finds the metrics of the standard fonts (the Word page estimate's Helvetica and Times) through its own
 * package's imports map; bundled, it asks for them by the exports its package publishes instead. The bundle fails to
 * build, rather than fail at run time, should pdfkit or fontkit change.
 */
const pdfPackages = {
  name: 'pdf-packages',
  setup(build: import('esbuild').PluginBuild) {
    const unused = {
      'brotli/decompress.js': "export default function decompress() { throw new Error('WOFF2 fonts are not supported: regmark embeds TrueType fonts'); }",
      '@noble/ciphers/aes': "function none() { throw new Error('PDF encryption is not supported'); }\nexport const cbc = none, ecb = none;",
    };
    build.onResolve({ filter: /^(brotli\/decompress\.js|@noble\/ciphers\/aes)$/ }, (args) => ({ path: args.path, namespace: 'unused' }));
    build.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => ({ contents: unused[args.path as keyof typeof unused], loader: 'js' }));
    build.onLoad({ filter: /[\\/]fontkit[\\/]dist[\\/]module\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const tries = /const (\$\w+\$var\$trie) = new \(0, (\$\w+\$unicodetrie)\)\((\(0, \$\w+\$export\$\w+\)\("[^"]+"\))\);/g;
      const found = source.match(tries)?.length ?? 0;
      if (found !== 3) throw new Error(`fontkit's shaper tables are not built as this bundle expects (${found} of 3 found): ${args.path}`);
      const lazy = 'const $regmarkLazyTrie = (make) => { let trie; return { get: (codePoint) => (trie ??= make()).get(codePoint) }; };\n';
      const contents = lazy + source.replace(tries, (_all, name: string, Trie: string, data: string) => `const ${name} = $regmarkLazyTrie(() => new (0, ${Trie})(${data}));`);
      return { contents, loader: 'js' };
    });
    build.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const fonts = source.split("require$1('#standard-fonts/").length - 1;
      if (fonts !== 14) throw new Error(`pdfkit's standard fonts are not loaded as this bundle expects (${fonts} of 14 found): ${args.path}`);
      return { contents: source.replaceAll("require$1('#standard-fonts/", "require$1('pdfkit/standard-fonts/"), loader: 'js' };
    });
  },
};

rmSync(out, { recursive: true, force: true });
// esbuild is a development dependency: without it (an install that left those out) the CLI runs unbundled.
const esbuild = await import('esbuild').catch(() => undefined);
if (!esbuild) {
  process.stderr.write('esbuild is not installed: the CLI will run from the unbundled dist/ (slower to start)\n');
  process.exit(0);
}
// The parse cache's key hashes the parser's code. Hashed when a bundled start loads it, that would be the bundle's
// every chunk (some 4 MB); the compiled parser the bundle is made of gives the same answer, once, here. Bundled
// and unbundled runs then also share one parse cache.
const { PARSER_VERSION } = (await import(pathToFileURL(join(dist, 'parse/cache.js')).href)) as { PARSER_VERSION: string };
/** The commands, by their modules in dist/cli/: each bundle holds one, and the others are left out of it. */
const commands = readdirSync(join(dist, 'cli'))
  .map((name) => /^(\w+)Command\.js$/.exec(name)?.[1])
  .filter((name): name is string => name !== undefined);

/**
 * Packages that only some runs of a command load, each bundled once into a chunk of its own beside the commands
 * (`exceljs.cjs`, `docx.cjs`), which a command's bundle requires as `./exceljs.cjs` when it first calls the package.
 * runBundle.ts compiles a chunk from the code cache as it does a command.
 * - exceljs is half of what a build, redline or pack bundle would otherwise hold (some 2.4 MB), read and compiled on
 *   every start though only a device matrix's workbook needs it: a PDF build started some 50 ms sooner without it.
 * - docx was required from its package, its megabyte compiled afresh by every Word build (some 25 ms); from the
 *   chunk's code cache an S-size Word build took 1.38 s against 1.46 s.
 */
const CHUNKS = ['exceljs', 'docx'];
const chunks = {
  name: 'chunks',
  setup(build: import('esbuild').PluginBuild) {
    build.onResolve({ filter: new RegExp(`^(${CHUNKS.join('|')})$`) }, (args) => ({ path: `./${args.path}.cjs`, external: true }));
  },
};

/**
 * Code that a command calls on some runs only, loaded when first called rather than as the command starts. Each is a
 * chunk as well; the command's bundle holds a stand-in whose functions require the chunk on their first call (a
 * chunk imported as a package would be required as its importer's module is set up, when the command starts).
 * - yaml, a quarter of the check's bundle, reads front matter: a check that finds nothing changed, or one whose
 *   edit is in a clause file, never calls it. Our modules import four of its functions; one that imported anything
 *   else from it would fail this build ("No matching export").
 * - remark's reader (parse/markdown.js, with unified, micromark and their packages: another quarter) reads only the
 *   files the fast reader declines (fastBlocks.ts), and the renderers' trees.
 * Without the two, the ten-clause check (a corpus that has not changed) took 132 ms against 153 ms.
 */
const YAML_FUNCTIONS = ['parseDocument', 'isMap', 'isScalar', 'isSeq'];
const MARKDOWN = join(dist, 'parse/markdown.js');
const markdownExports = [...readFileSync(MARKDOWN, 'utf8').matchAll(/^export .*$/gm)].map((m) => m[0]);
if (markdownExports.length !== 1 || !markdownExports[0]!.startsWith('export function parseMarkdown(')) {
  throw new Error(`parse/markdown.js must export parseMarkdown alone for its stand-in: ${markdownExports.join('; ')}`);
}
const onDemand = {
  name: 'on-demand',
  setup(build: import('esbuild').PluginBuild) {
    const standIns: Record<string, string> = {
      yaml: `let yaml;\nconst load = () => (yaml ??= require("./yaml.cjs"));\n${YAML_FUNCTIONS.map((f) => `export const ${f} = (...args) => load().${f}(...args);`).join('\n')}\n`,
      markdown: 'export function parseMarkdown(text, options) {\n  return require("./markdown.cjs").parseMarkdown(text, options);\n}\n',
    };
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'on-demand' }));
    build.onResolve({ filter: /\/markdown\.js$/ }, (args) => (resolve(args.resolveDir, args.path) === MARKDOWN ? { path: 'markdown', namespace: 'on-demand' } : undefined));
    build.onResolve({ filter: /^\.\/(yaml|markdown)\.cjs$/, namespace: 'on-demand' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => ({ contents: standIns[args.path], loader: 'js' }));
  },
};

/** In the bundle of `keep` (none for `cli.cjs`), the CLI's loaders of every other command load an empty module. */
const oneCommand = (keep: string | undefined) => ({
  name: 'one-command',
  setup(build: import('esbuild').PluginBuild) {
    build.onResolve({ filter: /^\.\/cli\/\w+Command\.js$/ }, (args) => (args.path === `./cli/${keep}Command.js` ? undefined : { path: args.path, namespace: 'left-out' }));
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
});

const entries: Array<[name: string, entry: string, keep?: string]> = [
  ['cli', 'cli.js'],
  ...commands.map((c): [string, string, string] => [c, 'cli.js', c]),
  ['renderWorker', 'render/renderWorker.js'],
  ['worker', 'parse/worker.js'],
];
/**
 * Minified, without comments: half the size to read and compile at every start (the check's bundle read and
 * compiled from its code cache in about 12.5 ms, against 18.5 ms with only its white space taken out). The packages'
 * comments also held characters outside ASCII, which made Node read each bundle as a string of two bytes a character
 * (12-16 ms for the check's, against 3-4 ms for the same bytes as one-byte text). Names are not kept: keeping them (esbuild's
 * `keepNames`) sets the name of every closure each time one is made, which cost a PDF build of S's AK 7% more CPU.
 * No code of ours reads a function's or class's name; exceljs does (a cell's value by its class's name), so its chunk
 * keeps them. REGMARK_BUNDLE_READABLE=1 makes bundles as written, to read or profile.
 */
const minify = !process.env.REGMARK_BUNDLE_READABLE;
// Module names in a bundle are paths from the working folder: the package's own, wherever the build is started from.
const common = { absWorkingDir: join(dist, '..'), outdir: out, outExtension: { '.js': '.cjs' }, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none', minifyWhitespace: minify, minifyIdentifiers: minify, minifySyntax: minify } as const;
await Promise.all([
  ...[...CHUNKS, 'yaml'].map((name) => esbuild.build({ ...common, entryPoints: { [name]: name }, keepNames: name === 'exceljs' })),
  esbuild.build({ ...common, entryPoints: { markdown: MARKDOWN } }),
]);
// What bin/regmark.js, a CommonJS script, starts a bundle with: required, it needs no ES module loader.
await esbuild.build({ ...common, entryPoints: { runBundle: join(dist, 'runBundle.js') } });
await Promise.all(
  entries.map(([name, entry, keep]) =>
    esbuild.build({
      ...common,
      entryPoints: { [name]: join(dist, entry) },
      external: EXTERNAL,
      plugins: [pdfPackages, onDemand, chunks, oneCommand(keep)],
      // A script has no import.meta: the module's own URL is its file's, and an external package imported on demand
      // is required (every one of them ships CommonJS), so that the script needs no ES module loader.
      // (import.meta.resolve finds tsx, for TypeScript sources only: a bundle never takes that path.)
      banner: { js: 'var __regmarkModuleUrl = require("node:url").pathToFileURL(__filename).href, __regmarkResolve = require.resolve;' },
      define: { 'import.meta.url': '__regmarkModuleUrl', 'import.meta.resolve': '__regmarkResolve', __REGMARK_PARSER_VERSION__: JSON.stringify(PARSER_VERSION) },
      supported: { 'dynamic-import': false },
    }),
  ),
);
// esbuild escapes what it can, but not inside a regular expression: the source must write such characters as escapes.
// (Readable bundles keep the packages' comments, characters outside ASCII and all: they are only read or profiled.)
for (const name of minify ? readdirSync(out) : []) {
  const bytes = readFileSync(join(out, name));
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at < 0) continue;
  process.stderr.write(`dist/${folder}/${name} holds a character outside ASCII near «${bytes.subarray(Math.max(0, at - 40), at + 8).toString('utf8')}»: write it as an escape (\\u…) in the source\n`);
  process.exitCode = 1;
}
