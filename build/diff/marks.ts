/**
 * Tracked changes as model nodes. The diff phase wraps inlines in `insert`/`delete` marks and tags blocks with a
 * BlockChange; renderers map them to w:ins/w:del (DOCX) or coloured, struck or underlined text with change bars
 * (PDF). Author and date belong to the whole redline and live on RedlineInfo.
 */
import type { Block, Inline } from '../render/model/types.js';

export type MarkKind = 'insert' | 'delete';

/** An inline mark: its children were inserted or deleted. */
export interface InlineMark {
  kind: MarkKind;
  children: Inline[];
}

export type BlockChangeKind = 'inserted' | 'deleted' | 'movedFrom' | 'movedTo';

export interface BlockChange {
  kind: BlockChangeKind;
  /** Shown beside the change: "retained from SMETS1 TMAD Clause 3.14E", "moved from Section 4". */
  note?: string;
  /** Pairs a movedFrom with its movedTo. */
  moveId?: number;
}

/** A block of the redline: the render block plus, when the whole block changed, how. */
export type MarkedBlock = Block & { change?: BlockChange };

export type { Inline };
