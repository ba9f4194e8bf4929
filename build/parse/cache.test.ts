import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, PARSER_PACKAGES } from './cache.js';
import { installedVersion } from '../files/installedVersion.js';

describe('parse cache key', () => {
  it('knows the installed version of every parsing package', () => {
    for (const name of PARSER_PACKAGES) expect(installedVersion(name), name).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reads the version Node would load: the nearest node_modules up the tree', () => {
    const top = mkdtempSync(join(tmpdir(), 'regmark-cachekey-'));
    const write = (dir: string, version: string) => {
      mkdirSync(join(dir, 'node_modules', 'remark-parse'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', 'remark-parse', 'package.json'), JSON.stringify({ name: 'remark-parse', version }));
    };
    write(top, '11.0.0');
    const inner = join(top, 'app', 'lib');
    mkdirSync(inner, { recursive: true });
    expect(installedVersion('remark-parse', inner)).toBe('11.0.0');
    write(join(top, 'app'), '12.1.0');
    expect(installedVersion('remark-parse', inner)).toBe('12.1.0');
    expect(installedVersion('no-such-parser-package', inner)).toBeUndefined();
  });

  it('changes with the bytes, the path and the role', () => {
    const bytes = new TextEncoder().encode('**1.1** Text.\n');
    const key = cacheKey('clauses/AM/1.md', 'clauses', bytes);
    expect(cacheKey('clauses/AM/1.md', 'clauses', bytes)).toBe(key);
    expect(cacheKey('clauses/AM/2.md', 'clauses', bytes)).not.toBe(key);
    expect(cacheKey('clauses/AM/1.md', 'definitions', bytes)).not.toBe(key);
    expect(cacheKey('clauses/AM/1.md', 'clauses', new TextEncoder().encode('**1.1** Text!\n'))).not.toBe(key);
  });
});
