// Text and Mermaid output of the offline plan. Pure: a report in, strings out.

export * from "./types";
export { COLOUR, DEFAULT_WIDTH, PLAIN, Style, styleFor, widthFor, wrapText, wrapList } from "./style";
export { treeLines, TreeLine } from "./tree";
export { conditionText, principalLabel } from "./access";
export { condenseWildcard, WILDCARD_SHOWN } from "./verdicts";
export { renderText, summaryLine } from "./text";
export { renderMermaid } from "./mermaid";
