import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from './catalogue.js';
import { diagnosticsReference } from './reference.js';

describe('docs/diagnostics.md', () => {
  it('is what the catalogue generates (run `npm run docs` after changing a code)', () => {
    const written = readFileSync(join(import.meta.dirname, '../../docs/diagnostics.md'), 'utf8');
    expect(written).toBe(diagnosticsReference());
  });

  it('has a section, and so a link target, for every code', () => {
    const text = diagnosticsReference();
    for (const code of CODES) expect(text).toContain(`\n## ${code}\n`);
  });
});
