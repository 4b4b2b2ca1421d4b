// IAM document reading for the rules: parsing, wildcards, the action catalogue, profiles.
export * from "./values";
export * from "./document";
export * from "./patterns";
export * from "./templates";
export * from "./catalog";
export * from "./actions";
export * from "./arns";
export * from "./sources";
export * from "./profiles";
export * from "./managed";
export * from "./principals";
