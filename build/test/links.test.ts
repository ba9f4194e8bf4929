/**
 * Every relative link in README.md and docs/ works in a clone: it names a file or folder of the repository (never
 * one outside it), and a `#fragment` names a heading of the Markdown page it points at, spelt as GitHub spells
 * heading anchors.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentationPages } from './documentationPages.js';

const REPO = resolve(import.meta.dirname, '../..');

/** The page's text with fenced blocks and code spans blanked, so that examples of syntax are not read as links. */
function prose(markdown: string): string[] {
  let fence = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fence = !fence;
      return '';
    }
    return fence ? '' : line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fence = !fence;
    const heading = fence ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, (c) => (c === '_' ? '_' : ''));
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

interface Link {
  line: number;
  target: string;
}

function links(markdown: string): Link[] {
  const found: Link[] = [];
  prose(markdown).forEach((line, i) => {
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) found.push({ line: i + 1, target: m[1]! });
  });
  return found;
}

describe('links in the documentation', () => {
  const pages = documentationPages(REPO);

  it('reads the README and the manual', () => {
    expect(pages.map((p) => relative(REPO, p))).toEqual(expect.arrayContaining(['README.md', 'docs/README.md', 'docs/format.md', 'docs/commands/check.md']));
  });

  it.each(pages.map((p) => [relative(REPO, p), p] as const))('%s: every relative link resolves in the repository', (_name, page) => {
    const text = readFileSync(page, 'utf8');
    const broken: string[] = [];
    for (const { line, target } of links(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [path, fragment] = target.split('#') as [string, string | undefined];
      const file = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
      const where = `${relative(REPO, page)}:${line}: ${target}`;
      if (file !== REPO && !file.startsWith(REPO + sep)) broken.push(`${where} leaves the repository`);
      else if (!existsSync(file)) broken.push(`${where}: no such file`);
      else if (fragment !== undefined) {
        if (statSync(file).isDirectory() || !file.endsWith('.md')) broken.push(`${where}: a fragment needs a Markdown page`);
        else if (!anchors(readFileSync(file, 'utf8')).has(fragment)) broken.push(`${where}: no heading with that anchor`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('spells anchors as GitHub does', () => {
    const a = anchors('# `regmark check`\n## How `check --watch` re-checks fast\n## Word and PDF, read back\n## Notes\n## Notes\n```\n# not a heading\n```\n');
    expect([...a]).toEqual(['regmark-check', 'how-check---watch-re-checks-fast', 'word-and-pdf-read-back', 'notes', 'notes-1']);
  });
});
