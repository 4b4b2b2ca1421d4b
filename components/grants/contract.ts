// What the components write and the policy pack reads back: component type tokens and tags. Their one home, here in
// the module both may import.

/** Component type tokens: `kinesis-access:index:<ClassName>`. */
export const COMPONENT_TYPES = {
    streamApplication: "kinesis-access:index:StreamApplication",
    kinesisStream: "kinesis-access:index:KinesisStream",
    tableKinesisStreaming: "kinesis-access:index:TableKinesisStreaming",
} as const;

/** Tag naming the component that created an identity or policy; the policy pack's exactness rule reads it. */
export const COMPONENT_TAG = "kinesis-access:component";
/** Tag listing (space-separated) the profiles a managed policy was built from. */
export const PROFILES_TAG = "kinesis-access:profiles";
/** Tag on a created identity listing (space-separated) the managed policies attached on purpose beyond its profiles. */
export const EXTRA_POLICIES_TAG = "kinesis-access:extra-policies";
