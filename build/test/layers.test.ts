/**
 * The import picture of build/ is a layered pipeline: every import of production code points to its own layer or
 * a lower one (ARCHITECTURE.md: Layers). A new folder must be given a layer here before it can be imported.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BUILD = resolve(import.meta.dirname, '..');

/** Bottom to top. Folders on one line form one layer and may import each other. */
const LAYERS: string[][] = [
  ['diagnostics', 'files', 'types'],
  ['model'],
  ['parse', 'workerPool.ts'],
  ['bind'],
  ['checks'],
  ['pipeline.ts', 'query', 'watch', 'format', 'theme'],
  ['document'],
  ['diff'],
  ['render'],
  ['pack'],
  ['commands', 'retain', 'lsp'],
  ['cli', 'cli.ts', 'runBundle.ts'],
  ['bench', 'bundleCli.ts'],
];

const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as const)));
const layerOf = (file: string) => relative(BUILD, file).split('/')[0]!;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'fixtures' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** Static, dynamic and type imports, and worker entry points given as `new URL('./x.js', import.meta.url)`. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bnew URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) found.push(resolve(dirname(file), m[1]!));
  return found;
}

describe('layers', () => {
  const files = sources(BUILD);

  it('every folder of build/ has a layer', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((l) => !rank.has(l));
    expect(unknown).toEqual([]);
  });

  it('no import points up a layer', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = rank.get(layerOf(file))!;
      for (const target of imports(file)) {
        const to = rank.get(layerOf(target));
        if (to !== undefined && to > from) upward.push(`${relative(BUILD, file)} → ${relative(BUILD, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('finds imports of every kind (the check above is not vacuous)', () => {
    const pipeline = imports(join(BUILD, 'cli/impactCommand.ts')).map((t) => relative(BUILD, t));
    expect(pipeline).toContain('pipeline.js');
    const lazy = imports(join(BUILD, 'cli.ts')).map((t) => relative(BUILD, t));
    expect(lazy).toContain('cli/buildCommand.js');
  });
});
