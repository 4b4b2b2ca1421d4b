// The SDK's own copies of grpc and google-protobuf, and the protocol's enforcement level codes.

import { createRequire } from "node:module";
import type * as Grpc from "@grpc/grpc-js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type { EnforcementLevel } from "./types";

// The SDK's own copies of grpc and google-protobuf: its generated classes work with those, and an installed package
// finds them only through the SDK (npm need not hoist them beside this package).
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
export const grpc = sdkRequire("@grpc/grpc-js") as typeof Grpc;
export const emptyPb = sdkRequire("google-protobuf/google/protobuf/empty_pb") as typeof EmptyPb;
export const structPb = sdkRequire("google-protobuf/google/protobuf/struct_pb") as typeof StructPb;

export const LEVELS: Record<number, EnforcementLevel> = {
    [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
    [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
};
export const LEVEL_CODES: Record<EnforcementLevel, analyzerPb.EnforcementLevel> = {
    advisory: analyzerPb.EnforcementLevel.ADVISORY,
    mandatory: analyzerPb.EnforcementLevel.MANDATORY,
    disabled: analyzerPb.EnforcementLevel.DISABLED,
    remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};
