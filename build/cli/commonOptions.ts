/** Options every corpus command takes. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './args.js';
import { defaultCacheDir } from '../pipeline.js';

export const ROOT_OPTIONS = {
  root: { type: 'string' },
  'no-cache': { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function rootDir(value: string | undefined): string {
  const root = resolve(value ?? '.');
  if (!existsSync(root)) throw new UsageError(`--root ${value ?? '.'}: no such folder`);
  if (!statSync(root).isDirectory()) throw new UsageError(`--root ${value ?? '.'}: is a file, not a folder; name the content root (the folder that holds documents/)`);
  if (!existsSync(resolve(root, 'documents'))) throw new UsageError(`${root} is not a content root: it has no documents/ folder (use --root DIR)`);
  return root;
}

export function cacheFor(root: string, disabled: boolean | undefined): { cacheDir?: string } {
  return disabled ? {} : { cacheDir: defaultCacheDir(root) };
}
