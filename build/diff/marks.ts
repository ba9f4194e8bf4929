/**
 * Tracked changes as model nodes. The diff phase wraps inlines in `insertion`/`deletion` nodes and tags blocks with
 * a BlockChange; renderers map them to w:ins/w:del (DOCX) or coloured, struck or underlined text with change bars
 * (PDF). Author and date belong to the whole redline and live on RedlineInfo. The types themselves belong to the
 * render model (build/render/model/types.ts), which every renderer reads.
 */
import type { Block, BlockChange, BlockChangeKind, Inline } from '../model/document.js';

export type MarkKind = 'insert' | 'delete';

/** The inline node kind of a mark. (`delete` alone is GFM strikethrough, which is content, not a change.) */
export const MARK_NODE = { insert: 'insertion', delete: 'deletion' } as const;

/** A block of the redline: the render block, which may carry a change. */
export type MarkedBlock = Block;

export type { Block, BlockChange, BlockChangeKind, Inline };
