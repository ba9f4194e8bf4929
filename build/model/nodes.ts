/**
 * regmark's syntax as mdast nodes. The parse phase rewrites the plain mdast that remark-parse gives into
 * these, so that later phases walk typed nodes instead of re-reading text.
 */
import type { BlockContent, DefinitionContent, Heading, Paragraph, PhrasingContent, Root } from 'mdast';
import type { ReferenceTarget } from './ids.js';

/** `[[AL 7.2]]`: a cross-reference, resolved in the bind phase. */
export interface CrossReference {
  type: 'crossReference';
  /** The text between the brackets, as written (with `\|` unescaped). */
  raw: string;
  target: ReferenceTarget;
  position?: Paragraph['position'];
}

/** A clause-file section: a numbered heading and everything up to the next section. */
export interface SectionNode {
  type: 'section';
  number: string;
  title: string;
  heading: Heading;
  children: Array<ClauseNode | BlockContent | DefinitionContent>;
  position?: Paragraph['position'];
}

/** A clause: the numbered paragraph and the blocks that follow it up to the next clause, section or heading. */
export interface ClauseNode {
  type: 'clause';
  number: string;
  attributes: Record<string, string>;
  /** Offset of the bold number, for diagnostics. */
  numberOffset: number;
  children: Array<BlockContent | DefinitionContent>;
  position?: Paragraph['position'];
}

/** A list item whose text opens with a bracketed label: `- (a) …`. */
export interface SubParagraphNode {
  type: 'subParagraph';
  label: string;
  /** Full local ID, e.g. `4.12(b)(ii)`. */
  id: string;
  labelOffset: number;
  children: Array<BlockContent | DefinitionContent>;
  position?: Paragraph['position'];
}

/** `**Term** {plural="…"} means …` in a definitions file. */
export interface TermDefinitionNode {
  type: 'termDefinition';
  term: string;
  attributes: Record<string, string>;
  termOffset: number;
  children: Array<BlockContent | DefinitionContent>;
  position?: Paragraph['position'];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    crossReference: CrossReference;
  }
  interface RootContentMap {
    section: SectionNode;
    clause: ClauseNode;
    subParagraph: SubParagraphNode;
    termDefinition: TermDefinitionNode;
    crossReference: CrossReference;
  }
  interface BlockContentMap {
    clause: ClauseNode;
    section: SectionNode;
    subParagraph: SubParagraphNode;
    termDefinition: TermDefinitionNode;
  }
}

export type { Root, PhrasingContent };
