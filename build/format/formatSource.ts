/**
 * One source file → its canonical text. The result is only returned when it reads back to the same model;
 * a file that does not parse cleanly enough to be sure of that is left alone, with the reason.
 */
import type { FileRole, OffsetDiagnostic } from '../model/corpus.js';
import { parseSource, type ParseOutput } from '../parse/parseFile.js';
import { LineIndex } from '../parse/lines.js';
import { modelDifference } from './model.js';
import { prepareTree } from './prepare.js';
import { stringifyTree } from './stringify.js';

export type FormatOutcome =
  | { status: 'unchanged' }
  | { status: 'changed'; output: string }
  | { status: 'skipped'; reason: string; line?: number; column?: number };

/**
 * Parse diagnostics after which the text cannot be rewritten safely: the parser dropped or could not place
 * something (an unknown or malformed attribute, a `[[…]]` that is not a reference, unreadable YAML or bytes),
 * and writing the model back would lose it or move it.
 */
export function blocksFormatting(d: OffsetDiagnostic): boolean {
  if (d.code === 'unreadable-file' || d.code === 'invalid-attribute' || d.code === 'unresolved-reference') return true;
  if (d.code === 'invalid-front-matter') return /^malformed YAML|must be a YAML mapping/.test(d.message);
  return false;
}

/** Whether parseSource reads this manifest with directives: the same test the parser uses. */
function usesDirectives(role: FileRole, text: string): boolean {
  return role === 'manifest' && /^kind:\s*consultation\s*$/m.test(text.slice(0, 4000));
}

/** Formats parsed text; `original` may be passed when the caller has parsed it already. */
export function formatSource(path: string, role: FileRole, doc: string, text: string, original: ParseOutput = parseSource(path, role, doc, text)): FormatOutcome {
  const blocking = original.file.diagnostics.find(blocksFormatting);
  if (blocking) {
    const at = new LineIndex(text).locate(blocking.offset);
    return { status: 'skipped', reason: `${blocking.code}: ${blocking.message}`, ...at };
  }
  const prepared = prepareTree(original.tree, text, role);
  const directives = usesDirectives(role, text);
  let difference: string | undefined;
  // Lenient escaping first (fewer backslashes); the strict escaping of mdast-util-to-markdown when it reads back differently.
  for (const lenient of [true, false]) {
    let output: string;
    try {
      output = stringifyTree(prepared, { directives, lenient });
    } catch (error) {
      difference = `cannot write this file back: ${(error as Error).message}`;
      continue;
    }
    if (output === text) return { status: 'unchanged' };
    if (usesDirectives(role, output) !== directives) {
      difference = 'formatting would change how the manifest is read (consultation directives)';
      continue;
    }
    difference = modelDifference(original, parseSource(path, role, doc, output));
    if (!difference) return { status: 'changed', output };
  }
  return { status: 'skipped', reason: `formatting would not read back the same (${difference}); the file is left as it is` };
}
