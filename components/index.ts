// Public API of pulumi-kinesis-access.
export { KinesisStream, KinesisStreamArgs, StreamCapacity, AWS_MANAGED_KINESIS_KEY } from "./stream";
export { StreamApplication, StreamApplicationArgs, Identity, Produce, Consume } from "./application";
export { TableKinesisStreaming, TableKinesisStreamingArgs, StreamingOperators, Principal } from "./tableStreaming";
export { StreamLike, COMPONENT_TAG, PROFILES_TAG, EXTRA_POLICIES_TAG } from "./shared";
export { ValidationError, KclVersion, LeaseTables, PolicyDocument } from "./grants";
export * as grants from "./grants";
