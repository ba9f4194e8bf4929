import { describe, expect, it } from 'vitest';
import { FORMATS } from './formats.js';
import { RENDERERS } from './registry.js';

describe('formats', () => {
  it('names exactly the registered renderers (help and option checks list them without loading them)', () => {
    expect([...FORMATS].sort()).toEqual(Object.keys(RENDERERS).sort());
  });
});
