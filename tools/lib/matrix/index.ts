// The access matrix: every IAM document among the captured resources, resolved to the principals it reaches, as rows
// (principal × resources × actions, with effect and conditions) merged and sorted so the output is stable.

export * from "./types";
export { parseDocument } from "./documents";
export { principalsOf } from "./principals";
export { buildAccessMatrix } from "./build";
export { accessJson, AccessJson, mergeRows } from "./merge";
