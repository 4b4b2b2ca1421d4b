// Where the profiles come from: the AWS pages and the client libraries' code at the release tags conformance/ runs.

import { CodeRef } from "./profile";

export const SEED_TUTORIAL = "https://docs.aws.amazon.com/streams/latest/dev/tutorial-stock-data-kplkcl-iam.html";
export const SDK_PRODUCER_PAGE = "https://docs.aws.amazon.com/streams/latest/dev/developing-producers-with-sdk.html";
export const KPL_PAGE = "https://docs.aws.amazon.com/streams/latest/dev/developing-producers-with-kpl.html";
export const KMS_PAGE = "https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html";
export const KCL_IAM = "https://docs.aws.amazon.com/streams/latest/dev/kcl-iam-permissions.html";
export const KCL_METADATA = "https://docs.aws.amazon.com/streams/latest/dev/kcl-dynamoDB.html";
export const CW_NAMESPACE = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html";
export const TAGGING_PAGE = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.Operations.html";

const KCL_REPO = "awslabs/amazon-kinesis-client";
/** KCL 1.x at the release the suite runs. */
export const kcl1 = (path: string): CodeRef => ({
    repo: KCL_REPO,
    tag: "v1.15.3",
    path: `src/main/java/com/amazonaws/services/kinesis/${path}`,
});
const kclAt =
    (tag: string) =>
    (path: string): CodeRef => ({
        repo: KCL_REPO,
        tag,
        path: `amazon-kinesis-client/src/main/java/software/amazon/kinesis/${path}`,
    });
export const kcl2 = kclAt("v2.7.2");
export const kcl3 = kclAt("v3.5.1");
export const kpl = (path: string): CodeRef => ({ repo: "awslabs/amazon-kinesis-producer", tag: "v1.0.7", path });
/** The tutorial's sample application (seed 000's StockTradesWriter); the repository has no release tags: a commit. */
export const TUTORIAL_WRITER: CodeRef = {
    repo: "aws-samples/amazon-kinesis-learning",
    tag: "181ee5830b4401b54e64c9a784ea2973d96e381a",
    path: "src/com/amazonaws/services/kinesis/samples/stocktrades/writer/StockTradesWriter.java",
};
