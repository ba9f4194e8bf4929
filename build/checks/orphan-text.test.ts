import { describe, expect, it, afterAll } from 'vitest';
import { ruleTester, manifest, diagnose, cleanRoots } from '../test/ruleTester.js';
import { orphanText } from './orphan-text.js';
import { unresolvedReference } from './unresolved-reference.js';

const QX = { 'documents/QX.md': manifest('QX') };

ruleTester(orphanText, {
  valid: [
    {
      name: 'front matter, blank lines and a drafting comment above the first section',
      files: { ...QX, 'clauses/QX/01-a.md': '---\nnote: kept\n---\n\n\n<!-- drafting: keep short -->\n\n## 1 Scope\n\nAn introduction.\n\n**1.1** Text.\n' },
    },
    {
      name: 'a file of clauses with no section heading',
      files: { ...QX, 'clauses/QX/01-a.md': '**1.1** Text of one.\n\nIts second paragraph.\n\n**1.2** Text of two.\n' },
    },
  ],
  invalid: [
    {
      name: 'a paragraph above the first section, reported once at its start',
      files: { ...QX, 'clauses/QX/02-b.md': '\nSee [[QX 2.1]] for the rule.\n\nAnd a second line of preface.\n\n## 2 Rules\n\n**2.1** A rule.\n' },
      errors: [{ file: 'clauses/QX/02-b.md', line: 2, column: 1, message: /text before the first section heading belongs to no section/ }],
    },
    {
      name: 'a title heading and a list above the first section',
      files: { ...QX, 'clauses/QX/03-c.md': '# Part C\n\n- an item\n\n## 3 Rules\n\n**3.1** A rule.\n' },
      errors: [{ file: 'clauses/QX/03-c.md', line: 1, column: 1 }],
    },
  ],
});

describe('orphan-text references', () => {
  afterAll(cleanRoots);
  it('a reference in orphan text is still resolved, so a wrong one is reported', async () => {
    const found = await diagnose({ ...QX, 'clauses/QX/02-b.md': 'See [[QX 9.9]] here.\n\n## 2 Rules\n\n**2.1** A rule.\n' }, '2025-06-01', [unresolvedReference]);
    expect(found.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['unresolved-reference 1:5']);
  });
});
