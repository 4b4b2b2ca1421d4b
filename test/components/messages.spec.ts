// Issue 11, item 12: a refusal shows the value as the user wrote it.
import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "node:assert";
import { KinesisStream, StreamApplication } from "../../components";
import { expectInvalid } from "../harness/pulumi";

const ROLE = { role: { assumeRolePolicy: "{}" } };

describe("validation messages show values faithfully (issue 11, item 12)", () => {
    it("an Output is named as one, not printed through its toJSON warning", async () => {
        const msg = await expectInvalid(() => new KinesisStream("s", { name: pulumi.output("S") as never }), "name");
        assert.match(msg, /invalid name = an Output \(checked when it resolves\); allowed: /);
        assert.doesNotMatch(msg, /toJSON/);
    });
    it("Infinity and NaN are shown as such, not as null", async () => {
        assert.match(
            await expectInvalid(() => new KinesisStream("s", { retentionHours: Infinity }), "retentionHours"),
            /invalid retentionHours = Infinity;/,
        );
        assert.match(
            await expectInvalid(() => new KinesisStream("s", { retentionHours: NaN }), "retentionHours"),
            /invalid retentionHours = NaN;/,
        );
    });
    it("an unknown key holding an array of resources shows the array", async () => {
        const msg = await expectInvalid(() => {
            const s = new KinesisStream("fixture", { name: "S" });
            return new StreamApplication("app", { identity: ROLE, produces: [s], streams: [s] } as never);
        }, "streams");
        assert.match(msg, /invalid streams = \[a resource "fixture"\]; allowed: one of the keys /);
    });
    it("a nested Output inside an object is named, not serialized", async () => {
        const msg = await expectInvalid(
            () =>
                new StreamApplication("app", {
                    identity: ROLE,
                    produces: [{ arn: "arn:aws:kinesis:us-west-2:123456789012:stream/S", extra: pulumi.output(1) }],
                } as never),
            "produces[0].extra",
        );
        assert.match(msg, /invalid produces\[0\]\.extra = an Output \(checked when it resolves\)/);
    });
});
