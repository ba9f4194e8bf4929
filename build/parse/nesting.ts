/**
 * Container nesting depth per line. micromark's list handling is quadratic in depth, so a pathological
 * file (thousands of nested list markers) would stall the whole check; such a file is refused instead.
 */
export const MAX_NESTING = 100;

/** Offset of the first line whose list/quote markers nest deeper than the limit, if any. */
export function tooDeep(text: string, limit = MAX_NESTING): { offset: number; depth: number } | undefined {
  let start = 0;
  while (start < text.length) {
    let i = start;
    let depth = 0;
    for (;;) {
      while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
      const c = text.charCodeAt(i);
      if (c === 62 /* > */) {
        depth++;
        i++;
        continue;
      }
      if ((c === 45 || c === 42 || c === 43) /* - * + */ && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
        depth++;
        i += 2;
        continue;
      }
      break;
    }
    if (depth > limit) return { offset: start, depth };
    const next = text.indexOf('\n', i);
    if (next < 0) break;
    start = next + 1;
  }
  return undefined;
}
