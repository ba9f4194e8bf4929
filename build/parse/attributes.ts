/** The `{name=value name="quoted value"}` block that may follow a clause number or a defined term. */
export interface AttributeProblem {
  offset: number;
  message: string;
}

export interface ParsedAttributes {
  attributes: Record<string, string>;
  problems: AttributeProblem[];
  /** Characters consumed, including leading white space; 0 when there is no block. */
  length: number;
}

const PAIR = /\s*([A-Za-z][\w-]*)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"}]+)))?/y;

/** Reads an attribute block at the start of `text`; `base` is the source offset of `text`, for problem positions. */
export function parseAttributeBlock(text: string, base: number): ParsedAttributes {
  const open = /^\s*\{/.exec(text);
  if (!open) return { attributes: {}, problems: [], length: 0 };
  const attributes: Record<string, string> = {};
  const problems: AttributeProblem[] = [];
  if (!text.includes('}', open[0].length)) {
    // Without a closing brace the rest is the author's text; report the brace and consume nothing.
    return { attributes, problems: [{ offset: base + open[0].length - 1, message: 'attribute block `{` is never closed' }], length: 0 };
  }
  let i = open[0].length;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) {
      problems.push({ offset: base + open[0].length - 1, message: 'attribute block `{` is never closed' });
      return { attributes, problems, length: text.length };
    }
    if (text[i] === '}') return { attributes, problems, length: i + 1 };
    PAIR.lastIndex = i;
    const m = PAIR.exec(text);
    if (!m || m[0].trim() === '') {
      const close = text.indexOf('}', i);
      problems.push({ offset: base + i, message: `malformed attribute near \`${text.slice(i, i + 20)}\`` });
      return { attributes, problems, length: close < 0 ? text.length : close + 1 };
    }
    const name = m[1]!;
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    const at = base + i + (m[0].length - m[0].trimStart().length);
    if (value === undefined) problems.push({ offset: at, message: `attribute \`${name}\` has no value` });
    else if (name in attributes) problems.push({ offset: at, message: `attribute \`${name}\` is given twice` });
    else attributes[name] = value;
    i = PAIR.lastIndex;
  }
}
