// Generators of IAM policy documents. Three families:
//  - grammar(): valid documents across the grammar this domain meets (Allow/Deny, Action/NotAction,
//    Resource/NotResource, string or array, wildcards anywhere in action names and ARNs, mixed case, conditions,
//    Statement as object or array, JSON text or object), each with a request (action, resource) to ask about;
//  - soundness(): identity documents whose statements are labelled clean or over-granting by construction;
//  - oddShapes(): anything a user or a provider could put where a document goes (wrong types, nulls, empty
//    arrays, huge strings, truncated JSON, non-ASCII, unknown values).
// Generation is cheap: fast-check draws numbers, plain functions build the documents. One file per family
// (labelledStatements.ts: soundness's statements; jsonForms.ts: what they share); this one gathers them.

export * from "./jsonForms";
export * from "./grammar";
export * from "./labelledStatements";
export * from "./soundness";
export * from "./oddShapes";
