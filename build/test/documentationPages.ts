/** The project's documentation: README.md and every Markdown page under docs/. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function documentationPages(repo: string): string[] {
  const pages = [join(repo, 'README.md')];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) pages.push(path);
    }
  };
  walk(join(repo, 'docs'));
  return pages;
}
