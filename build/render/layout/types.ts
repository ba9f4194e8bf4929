/** What the page layout produces: pages of positioned drawing operations, a structure tree, anchors and an outline. */
import type { LinkTarget } from '../../model/document.js';
import type { PieceStyle } from './lines.js';

/** A node of the logical structure (tagged PDF): P, H1, L, LI, Lbl, LBody, Table, TR, TH, TD, Link, Note, TOC, TOCI … */
export interface StructNode {
  id: number;
  type: string;
  parent?: StructNode;
  /** TH scope. */
  scope?: 'Column' | 'Row';
  /** Alternate description, e.g. a link's text. */
  alt?: string;
}

export type Op =
  /** Text at a baseline. `struct` is the element it belongs to; absent for artifacts (running heads, repeated table headers). */
  | { kind: 'text'; x: number; y: number; text: string; style: PieceStyle; struct?: StructNode; width?: number }
  /** A clickable area: `struct` is the Link element. */
  | { kind: 'link'; x: number; y: number; w: number; h: number; target: LinkTarget; text: string; struct: StructNode }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; colour: string; dash?: boolean }
  /** A named destination at the top of something. */
  | { kind: 'dest'; name: string; y: number }
  /** The page number of an anchor, right-aligned at `xRight`: resolved once every page is laid out. */
  | { kind: 'pageRef'; anchor: string; xRight: number; y: number; style: PieceStyle; struct?: StructNode };

export interface PageLayout {
  ops: Op[];
  /** Whether the running header and footer are drawn (not on the cover). */
  running: boolean;
}

export interface OutlineEntry {
  title: string;
  anchor: string;
}

export interface DocumentLayout {
  pageWidth: number;
  pageHeight: number;
  pages: PageLayout[];
  /** Anchor → the page (0-based) and y of its destination. */
  anchors: Map<string, { page: number; y: number }>;
  outline: OutlineEntry[];
  root: StructNode;
  warnings: string[];
}
