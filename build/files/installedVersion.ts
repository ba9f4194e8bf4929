/** Which version of a package is installed where Node would load it from. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version of a package as Node would load it from here: the nearest node_modules up the folder tree. */
export function installedVersion(name: string, from = fileURLToPath(new URL('.', import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      try {
        return String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version);
      } catch {
        return 'unreadable';
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}
