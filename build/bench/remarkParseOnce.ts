/**
 * The baseline a check is compared with, as a whole process: load unified, remark-parse, GFM and front matter, read
 * every Markdown file under the given root, parse each. Prints the number of top-level nodes.
 *
 *   node dist/bench/remarkParseOnce.js ROOT
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) markdownFiles(join(dir, e.name), out);
    else if (e.name.endsWith('.md')) out.push(join(dir, e.name));
  }
  return out;
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter).freeze();
let nodes = 0;
for (const file of markdownFiles(process.argv[2]!)) nodes += processor.parse(readFileSync(file, 'utf8')).children.length;
console.log(nodes);
