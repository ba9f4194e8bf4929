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

/**
 * Nodes nested inside each other (emphasis in emphasis, links, lists) beyond this depth are refused too: every tree
 * walk downstream (render model, stringify, diff) may then recurse without fear of the stack. Lists alone reach at
 * most two levels per marker, so the bound leaves them their own limit.
 */
export const MAX_TREE_DEPTH = 2 * MAX_NESTING + 50;

interface DepthNode {
  children?: DepthNode[];
  position?: { start: { offset?: number } };
}

/** The first node deeper than the limit, found without recursion. */
export function treeTooDeep(tree: DepthNode, limit = MAX_TREE_DEPTH): { offset: number; depth: number } | undefined {
  // Two parallel stacks rather than a pair per node: every file's tree is walked, so allocation here shows.
  const nodes: DepthNode[] = [tree];
  const depths: number[] = [0];
  while (nodes.length) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return { offset: node.position?.start.offset ?? 0, depth };
    const children = node.children;
    if (!children) continue;
    // Pushed last to first, so the walk (and the node reported) follows the document's order.
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]!);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

/**
 * Whether the two characters from `at` read as the end of a paragraph: white space to their end, or a line break.
 * (Two spaces or tabs at a line's start count too: the guard may reset early, never late.) No slice, no regex: this
 * runs at every line break of every file.
 */
function endsParagraph(text: string, at: number): boolean {
  const end = Math.min(text.length, at + 2);
  let k = at;
  while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  if (k === end) return true;
  const c = text.charCodeAt(k);
  return c === 10 || (c === 13 && k + 1 < end && text.charCodeAt(k + 1) === 10);
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
const isPunctuation = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);

/**
 * Emphasis opened inside emphasis, counted before parsing: micromark takes time quadratic in that depth (seconds
 * for a few thousand), so a paragraph that opens more runs than the tree may hold is refused unread. A run of `*`
 * or `_` after white space or punctuation and before text opens; after text and before white space or punctuation,
 * it closes; a blank line ends it all.
 */
export function emphasisTooDeep(text: string, limit = MAX_TREE_DEPTH): { offset: number; depth: number } | undefined {
  let open = 0;
  // Only the runs of `*` and `_` matter, and the line breaks between them while a run is open: the scan jumps from
  // one to the next with indexOf instead of looking at every character of every file.
  let star = text.indexOf('*');
  let under = text.indexOf('_');
  let from = 0;
  for (;;) {
    const i = star < 0 ? under : under < 0 ? star : Math.min(star, under);
    if (i < 0) return undefined;
    if (open) {
      for (let nl = text.indexOf('\n', from); nl >= 0 && nl < i; nl = text.indexOf('\n', nl + 1)) {
        if (endsParagraph(text, nl + 1)) {
          open = 0;
          break;
        }
      }
    }
    const c = text.charCodeAt(i);
    let end = i;
    while (text.charCodeAt(end + 1) === c) end++;
    from = end + 1;
    if (star >= 0 && star <= end) star = text.indexOf('*', end + 1);
    if (under >= 0 && under <= end) under = text.indexOf('_', end + 1);
    const before = i === 0 ? NaN : text.charCodeAt(i - 1);
    const after = text.charCodeAt(end + 1);
    const opens = (isSpace(before) || isPunctuation(before)) && !isSpace(after);
    const closes = !isSpace(before) && (isSpace(after) || isPunctuation(after));
    if (opens && closes) continue;
    if (opens) open += end - i + 1;
    else if (closes) open = Math.max(0, open - (end - i + 1));
    if (open > limit) return { offset: i, depth: open };
  }
}
