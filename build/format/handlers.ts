/**
 * mdast-util-to-markdown handlers for regmark's nodes, so that remark-stringify writes sections, clauses,
 * sub-paragraphs, term definitions and cross-references back in their canonical source form.
 */
import type { ListItem, Nodes, Paragraph, Parents, PhrasingContent, Root, RootContent, Strong, Text } from 'mdast';
import { defaultHandlers, type Handle, type Info, type Options, type State } from 'mdast-util-to-markdown';
import type { ClauseNode, CrossReference, SectionNode, SubParagraphNode, TermDefinitionNode } from '../model/nodes.js';
import { attributeBlock, CLAUSE_ATTRIBUTE_ORDER, DEFINITION_ATTRIBUTE_ORDER, formatTarget } from './canonical.js';

/** An inline node that writes the opening of a clause or definition verbatim: `**7.9A** {kind=right} `. */
interface Opening {
  type: 'regmarkOpening';
  value: string;
}

/** Set on a sub-paragraph by `prepareTree`: whether its blocks are separated by blank lines (a loose item). */
export interface SpreadData {
  spread?: boolean;
}

/** Custom link text is read back out of one text node, so anything that could start an inline construct is escaped. */
function escapeCustomText(text: string, inTable: boolean): string {
  return text.replace(inTable ? /[\\`*_<>[\]~!&|]/g : /[\\`*_<>[\]~!&]/g, (c) => '\\' + c);
}

const crossReference: Handle = (node: CrossReference, _parent, state) => {
  const inTable = state.stack.includes('tableCell');
  const text = node.target.text;
  return `[[${formatTarget(node.target)}${text !== undefined ? (inTable ? '\\|' : '|') + escapeCustomText(text, inTable) : ''}]]`;
};
(crossReference as Handle & { peek: Handle }).peek = () => '[';

const opening: Handle = (node: Opening) => node.value;
(opening as Handle & { peek: Handle }).peek = (node: Opening) => node.value;

/** `**TEXT**` through the strong handler, so a term with markdown characters is escaped properly. */
function strongOf(text: string, state: State, info: Info): string {
  const strong: Strong = { type: 'strong', children: [{ type: 'text', value: text }] };
  return state.handle(strong, { type: 'paragraph', children: [strong] }, state, { ...info, before: '\n', after: ' ' });
}

/** Attribute text sits in a text node when read back: markdown-special characters are escaped. */
function safeAttributes(block: string, state: State): string {
  if (!block) return '';
  const exit = state.enter('phrasing');
  const value = state.safe(block, { before: '*', after: ' ' });
  exit();
  return value;
}

/** The opening paragraph with its number (or term) and attributes put back in front, white space after them canonical. */
function openingParagraph(paragraph: Paragraph | undefined, head: string): Paragraph {
  const children = [...(paragraph?.children ?? [])] as PhrasingContent[];
  const first = children[0];
  if (first?.type === 'text') {
    const value = first.value.replace(/^\s+/, '');
    if (value) children[0] = { ...first, value };
    else children.shift();
  }
  const value = children.length ? head + ' ' : head;
  return { type: 'paragraph', children: [{ type: 'regmarkOpening', value } as unknown as PhrasingContent, ...children] };
}

function flow(children: Array<RootContent | Nodes>, state: State, info: Info): string {
  return state.containerFlow({ type: 'root', children: children as RootContent[] } as Root, info);
}

const section: Handle = (node: SectionNode, _parent, state, info) => flow([node.heading, ...node.children], state, info);

const clause: Handle = (node: ClauseNode, _parent, state, info) => {
  const [first, ...rest] = node.children;
  const paragraph = first?.type === 'paragraph' ? first : undefined;
  const head = `**${node.number}**` + safeAttributes(attributeBlock(node.attributes, CLAUSE_ATTRIBUTE_ORDER), state);
  return flow([openingParagraph(paragraph, head), ...(paragraph ? rest : node.children)], state, info);
};

const termDefinition: Handle = (node: TermDefinitionNode, _parent, state, info) => {
  const [first, ...rest] = node.children;
  const paragraph = first?.type === 'paragraph' ? first : undefined;
  const head = strongOf(node.term, state, info) + safeAttributes(attributeBlock(node.attributes, DEFINITION_ATTRIBUTE_ORDER), state);
  return flow([openingParagraph(paragraph, head), ...(paragraph ? rest : node.children)], state, info);
};

/** A sub-paragraph is written as the list item it was read from: `- (a) text`, label first. */
const subParagraph: Handle = (node: SubParagraphNode & SpreadData, parent, state, info) => {
  const [first, ...rest] = node.children;
  const label = `(${node.label})`;
  let head: Paragraph;
  if (first?.type === 'paragraph') {
    const children = [...first.children] as PhrasingContent[];
    const lead = children[0];
    if (lead?.type === 'text') {
      const value = lead.value.replace(/^[ \t]+/, '');
      children[0] = { ...lead, value: value ? (value.startsWith('\n') ? label + value : `${label} ${value}`) : label } as Text;
    } else children.unshift({ type: 'text', value: children.length ? label + ' ' : label });
    head = { ...first, children };
  } else head = { type: 'paragraph', children: [{ type: 'text', value: label }] };
  const item: ListItem = { type: 'listItem', spread: node.spread ?? false, children: [head, ...(first?.type === 'paragraph' ? rest : node.children)] as ListItem['children'] };
  return defaultHandlers.listItem(item, parent as Parents, state, info);
};

/** The extension remark-stringify takes: handlers for every regmark node. */
export function regmarkToMarkdown(): Options {
  return {
    handlers: {
      section,
      clause,
      subParagraph,
      termDefinition,
      crossReference,
      regmarkOpening: opening,
    } as unknown as Options['handlers'],
    // Front matter is followed directly by the text, as FORMAT.md writes it.
    join: [(left) => (left.type === 'yaml' ? 0 : undefined)],
  };
}
