// The policy pack: `pulumi preview --policy-pack policypack`. Rules live in rules/, one per file.
import { deserializeOnce } from "./deserializeOnce";
import { POLICIES } from "./rules";
import type { Policies } from "./rules/policyApi";

// Loaded untyped on purpose: the pack is type-checked on every start, and @pulumi/policy's declarations pull in
// @pulumi/pulumi's and Node's (seconds). rules/policyApi.ts declares the part used; a test keeps it assignable.
declare const require: (id: "@pulumi/policy") => { PolicyPack: new (name: string, args: { policies: Policies }) => unknown };
const { PolicyPack } = require("@pulumi/policy");

deserializeOnce();
new PolicyPack("kinesis-least-privilege", { policies: POLICIES });
