import { describe, expect, it } from 'vitest';
import { diffInlines } from './diffInlines.js';
import type { Inline } from '../model/document.js';

const t = (text: string): Inline => ({ kind: 'text', text });
/** Renders marks as {+…+} and [-…-] to make expectations readable. */
function show(list: Inline[]): string {
  return list
    .map((n) => {
      const kids = 'children' in n ? show(n.children) : '';
      if (n.kind === 'insertion') return `{+${kids}+}`;
      if (n.kind === 'deletion') return `[-${kids}-]`;
      if (n.kind === 'delete') return `~~${kids}~~`;
      if (n.kind === 'text') return n.text;
      if (n.kind === 'strong') return `**${kids}**`;
      if (n.kind === 'reference') return `<${n.text}>`;
      if (n.kind === 'footnoteRef') return `^${n.number}`;
      return kids;
    })
    .join('');
}

describe('diffInlines', () => {
  it('marks a replaced word with natural spacing', () => {
    const d = diffInlines([t('The DCC shall retain the data.')], [t('The DCC may retain the data.')]);
    expect(d.changed).toBe(true);
    expect(show(d.inlines)).toBe('The DCC [-shall-]{+may+} retain the data.');
  });

  it('reads a rewritten phrase as one deletion and one insertion', () => {
    const d = diffInlines([t('delete it as soon as it is no longer needed')], [t('delete it once the last Device is withdrawn')]);
    expect(show(d.inlines)).toBe('delete it [-as soon as it is no longer needed-]{+once the last Device is withdrawn+}');
  });

  it('ignores reflowed white space', () => {
    const d = diffInlines([t('one two\nthree')], [t('one two three')]);
    expect(d.changed).toBe(false);
    expect(show(d.inlines)).toBe('one two three');
  });

  it('keeps formatting and treats references and footnote marks as single tokens', () => {
    const base: Inline[] = [t('See '), { kind: 'reference', raw: 'AL 7.2', text: 'SMETS1 TMAD Clause 7.2' }, t(' and '), { kind: 'strong', children: [t('note')] }, { kind: 'footnoteRef', number: 1, first: true }];
    const next: Inline[] = [t('See '), { kind: 'reference', raw: 'AM 2B.1.1', text: 'Clause 2B.1.1' }, t(' and '), { kind: 'strong', children: [t('note')] }, { kind: 'footnoteRef', number: 1, first: true }];
    expect(show(diffInlines(base, next).inlines)).toBe('See [-<SMETS1 TMAD Clause 7.2>-]{+<Clause 2B.1.1>+} and **note**^1');
  });

  it('reports bold added to a word as a change', () => {
    const d = diffInlines([t('a key term')], [t('a '), { kind: 'strong', children: [t('key')] }, t(' term')]);
    expect(show(d.inlines)).toBe('a [-key-]{+**key**+} term');
  });
});
