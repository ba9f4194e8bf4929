/**
 * fast-check generators of regmark sources for the round-trip properties: clause files, definition files and
 * manifests in every spelling an author might use (attribute order and quoting, reference spacing and dashes,
 * bullets and indentation, loose and tight lists, tables with escaped pipes, footnotes, wrapped lines), mixed
 * with Markdown-significant characters so that escaping is exercised. Only the test suite imports this.
 */
import fc from 'fast-check';

const SPACE = fc.constantFrom(' ', ' ', ' ', '  ', '\t');

/** Words, terms and the characters that make Markdown escaping interesting. */
export const wordArb = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('the', 'DCC', 'shall', 'may', 'notify', 'each', 'within', 'five', 'days', 'of', 'a', 'request', 'and', 'or', 'under', 'this', 'clause') },
  { weight: 4, arbitrary: fc.constantFrom('Requesting Party', 'Requesting Parties', 'Data', 'Party', 'Parties', 'GroupID', 'Group', 'SMETS1 Device', 'Supplier Party') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '[Not used]',
      'AT&T',
      '&amp;',
      'a*b',
      'snake_case',
      '_under_',
      '*emphasis*',
      '**strong**',
      '~~struck~~',
      '`code`',
      '<b>',
      'x|y',
      '(see',
      'note)',
      '#1',
      '\\',
      '\\*',
      '100%',
      '{braces}',
      'a]b',
      '!',
      'e.g.:',
      'http://example.org/x_y',
      'Clause 7.2',
      'Section 18',
      '"quoted"',
      "it's",
      '£5',
      'café',
      '1.',
      '2)',
      '-',
      '+',
      '>',
      '=',
    ),
  },
);

const clauseNumberArb = fc
  .tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom('', 'A', 'B', 'p'), fc.option(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.constantFrom('', 'A', 'E')), { nil: undefined }))
  .map(([a, s, rest]) => `${a}${s}${rest ? `.${rest[0]}${rest[1]}` : ''}`);

const labelArb = fc.constantFrom('a', 'b', 'c', 'i', 'ii', 'iv', 'A', '1');

/** `[[…]]` in any accepted spelling. */
export function referenceArb(inTable: boolean): fc.Arbitrary<string> {
  const doc = fc.constantFrom('', 'AL ', 'AM ', 'AL  ', 'AC\u00a0', 'A ');
  const dash = fc.constantFrom('-', '\u2013', ' - ', ' \u2013 ', '  -  ');
  const text = fc.option(fc.constantFrom('this clause', 'the clause before it', 'see there', 'a & b'), { nil: undefined });
  return fc.oneof(
    fc.constantFrom('[[AL]]', '[[AM]]', '[[ AL ]]'),
    fc.tuple(doc, clauseNumberArb, fc.option(fc.tuple(dash, clauseNumberArb), { nil: undefined }), fc.option(labelArb, { nil: undefined }), text).map(([d, n, range, label, t]) => {
      const start = label ? `${n}(${label})` : n;
      const body = `${d}${start}${range ? range[0] + range[1] : ''}`;
      return `[[${body}${t ? (inTable ? '\\|' : '|') + t : ''}]]`;
    }),
  );
}

/** A run of words and references, soft-wrapped at random. */
export function inlineArb(inTable = false): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 6, arbitrary: wordArb }, { weight: 1, arbitrary: referenceArb(inTable) }, { weight: inTable ? 0 : 1, arbitrary: fc.constant('\n') }), { minLength: 1, maxLength: 14 })
    .map((parts) => {
      const out = parts.join(' ').replace(/ ?\n ?/g, '\n').replace(/^\n+|\n+$/g, '').replace(/\n{2,}/g, '\n');
      return inTable ? out.replace(/\|/g, (m, i: number, s: string) => (s[i - 1] === '\\' ? m : '\\|')) : out;
    })
    .filter((s) => s.trim().length > 0);
}

function attributesArb(kind: 'clause' | 'definition'): fc.Arbitrary<string> {
  const pairs: Array<fc.Arbitrary<string>> =
    kind === 'clause'
      ? [
          fc.constantFrom('from="AL 7.9A"', 'from = "AL 3.14E"', "from=AL"),
          fc.constantFrom('kind=obligation', 'kind="right"', 'kind=note'),
          fc.constantFrom('in-force-from="2019-06-21"', 'in-force-from=2020-01-01'),
          fc.constantFrom('in-force-until="2030-12-31"'),
        ]
      : [fc.constantFrom('plural="Requesting Parties"', 'plural=Groups'), fc.constantFrom('also="RP, R.P."', 'also=CHF'), fc.constantFrom('from="AL"', 'from=AL')];
  return fc
    .tuple(...pairs.map((p) => fc.option(p, { nil: undefined })))
    .chain((chosen) => fc.shuffledSubarray(chosen.filter((c): c is string => c !== undefined), { minLength: 0 }))
    .chain((list) => fc.tuple(fc.constant(list), SPACE, fc.constantFrom('', ' ')))
    .map(([list, space, pad]) => (list.length ? `${space}{${pad}${list.join(' ')}${pad}}` : ''));
}

const bulletArb = fc.constantFrom('-', '*', '+');

/** A labelled list, possibly nested, tight or loose, with continuation lines. */
const subParagraphsArb: fc.Arbitrary<string> = fc
  .tuple(
    bulletArb,
    fc.boolean(),
    fc.array(fc.tuple(labelArb, inlineArb(), fc.option(fc.array(fc.tuple(labelArb, inlineArb()), { minLength: 1, maxLength: 3 }), { nil: undefined })), { minLength: 1, maxLength: 4 }),
    fc.constantFrom(2, 3, 4),
  )
  .map(([bullet, loose, items, indent]) =>
    items
      .map(([label, text, nested]) => {
        const pad = ' '.repeat(indent);
        const head = `${bullet} (${label}) ${text.replace(/\n/g, '\n' + pad)}`;
        const kids = nested ? '\n' + nested.map(([l, t]) => `${pad}${bullet} (${l}) ${t.replace(/\n/g, '\n' + pad + '  ')}`).join('\n') : '';
        return head + kids;
      })
      .join(loose ? '\n\n' : '\n'),
  );

const tableArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('---', ':---', '---:', ':-:'))
  .chain(([cols, rows, align]) =>
    fc.tuple(fc.array(inlineArb(true), { minLength: cols, maxLength: cols }), fc.array(fc.array(inlineArb(true), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }), fc.constant(align)),
  )
  .map(([head, rows, align]) => [`| ${head.join(' | ')} |`, `|${head.map(() => align).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));

interface Block {
  text: string;
  /** Footnote labels this block cites. */
  notes: string[];
  /** What separates it from the block before (default: a blank line). */
  join?: string;
}

function clauseArb(number: string, notes: string[]): fc.Arbitrary<Block[]> {
  return fc
    .tuple(
      attributesArb('clause'),
      fc.constantFrom(' ', ' ', '  ', ''),
      inlineArb(),
      notes.length ? fc.option(fc.constantFrom(...notes), { nil: undefined }) : fc.constant(undefined),
      fc.option(fc.oneof(subParagraphsArb, tableArb, inlineArb()), { nil: undefined }),
      fc.constantFrom('\n\n', '\n\n', '\n'),
    )
    .map(([attrs, space, text, note, extra, join]) => {
      const first: Block = { text: `**${number}**${attrs}${space}${text}${note ? `[^${note}]` : ''}`, notes: note ? [note] : [] };
      if (extra === undefined) return [first];
      // A list may follow its paragraph directly; anything else needs a blank line.
      return [first, { text: extra, notes: [], join: /^[-*+] /.test(extra) ? join : '\n\n' }];
    });
}

/** A clause file: sections, clauses, plain headings, footnote definitions placed anywhere after their first call. */
export const clauseFileArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom<string[]>(['1'], ['1', 'note-b'], []))
  .chain(([sections, perSection, notes]) => {
    const parts: Array<fc.Arbitrary<Block[]>> = [];
    for (let s = 1; s <= sections; s++) {
      parts.push(fc.tuple(fc.constantFrom('Requesting Party Decommissioning', 'General', 'Section G (Security)', 'Data *and* Records'), fc.constantFrom('##', '###', '#')).map(([t, h]) => [{ text: `${h} ${s}${s === 2 ? 'A' : ''} ${t}`, notes: [] }]));
      for (let c = 1; c <= perSection; c++) parts.push(clauseArb(`${s}${s === 2 ? 'A' : ''}.${c}`, notes));
      parts.push(fc.option(fc.constantFrom('### Interpretation', 'Text between clauses belongs to the clause before it.'), { nil: undefined }).map((t) => (t ? [{ text: t, notes: [] }] : [])));
    }
    return fc.tuple(fc.tuple(...parts), fc.array(fc.nat(), { minLength: notes.length, maxLength: notes.length }), fc.constant(notes));
  })
  .map(([groups, positions, notes]) => {
    const blocks = groups.flat();
    notes.forEach((label, i) => {
      const cited = blocks.findIndex((b) => b.notes.includes(label));
      const after = cited < 0 ? blocks.length : cited + 1 + (positions[i]! % (blocks.length - cited));
      blocks.splice(after, 0, { text: `[^${label}]: A footnote with [[AL 7.2]] and a Requesting Party.`, notes: [] });
    });
    let out = '';
    blocks.forEach((b, i) => {
      out += (i ? (b.join ?? '\n\n') : '') + b.text;
    });
    return out + '\n';
  });

/** A definitions file: front matter, terms with attributes, a heading or two, a continuation paragraph. */
export const definitionsFileArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('---\ndocument: AM\n---\n', '---\ndocument: AM\n---\n\n', '---\ndocument:   AM\n---\n'),
    fc.array(
      fc.tuple(fc.constantFrom('GroupID', 'Requesting Party', 'Group', 'SMETS1 CAD', 'Data & Records', 'Term_With_Underscores'), attributesArb('definition'), fc.constantFrom(' ', '  '), inlineArb(), fc.option(fc.oneof(subParagraphsArb, inlineArb(), fc.constant('## B')), { nil: undefined })),
      { minLength: 1, maxLength: 5 },
    ),
  )
  .map(([head, defs]) => head + defs.map(([term, attrs, space, text, extra]) => `**${term}**${attrs}${space}means ${text}${extra ? '\n\n' + extra : ''}`).join('\n\n') + '\n');

/** A manifest with its keys in any order. */
export const manifestArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.shuffledSubarray(['title: SMETS1 Supporting Requirements', 'short-title: S1SR', 'reference: SEC Appendix AM', 'version: "17.0"', 'status: consultation', 'description: A longer description, with a colon: here'], { minLength: 0 }),
    fc.option(fc.shuffledSubarray(['  from: 2019-06-21', '  until: 2030-12-31'], { minLength: 1 }), { nil: undefined }),
    fc.nat(8),
    fc.option(inlineArb(), { nil: undefined }),
  )
  .map(([keys, inForce, at, body]) => {
    const lines = [...keys];
    if (inForce) lines.splice(at % (lines.length + 1), 0, 'in-force:\n' + inForce.join('\n'));
    lines.splice(at % (lines.length + 1), 0, 'id: AM');
    return `---\n${lines.join('\n')}\n---\n${body ? body + '\n' : ''}`;
  });
