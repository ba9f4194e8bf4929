/**
 * Trees a load parsed on its way to the records, kept for a renderer that would otherwise parse the same text again.
 * A check without a cache parses every file; a pack or a build then reads the documents it renders a second time,
 * for their trees. A load asked to keep them hands them over instead.
 */
import type { Root } from 'mdast';

export class SourceTrees {
  private readonly trees = new Map<string, { text: string; tree: Root }>();

  keep(path: string, text: string, tree: Root): void {
    this.trees.set(path, { text, tree });
  }

  /**
   * The tree of `path` when it was read from exactly `text` (a later version of the file, or another file at the
   * path, gets none). Each tree is given out once: whoever takes it may change it.
   */
  take(path: string, text: string): Root | undefined {
    const kept = this.trees.get(path);
    if (!kept) return undefined;
    this.trees.delete(path);
    return kept.text === text ? kept.tree : undefined;
  }

  get size(): number {
    return this.trees.size;
  }
}
