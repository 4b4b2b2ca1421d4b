// templateIntersects' fast path (a pattern whose one wildcard is a trailing `*` in the resource part) must answer
// exactly as the general walk over the product of the two automata does: for every ARN template of the services the
// pack reads, and for beginnings of ARNs of that template and of its siblings, cut anywhere in the resource part,
// with odd characters put in.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { loadCatalogFor, serviceNow, templateIntersects, templateIntersectsByWalk, TemplateItem } from "../../policypack/iam";
import { params, RUNS, TIMEOUT } from "./settings";

const SERVICES = ["kinesis", "dynamodb", "iam", "s3", "lambda", "logs", "ssm", "kms", "cloudwatch", "sqs"];

describe("property: a trailing-* resource pattern meets a template exactly when the general walk says so", function () {
    this.timeout(TIMEOUT);
    let templates: TemplateItem[][];
    before(async () => {
        await loadCatalogFor(SERVICES.map((s) => `${s}:x`));
        templates = SERVICES.flatMap((s) =>
            [...serviceNow(s)!.resourceTypes.values()].flatMap((t) => t.formats.flatMap((f) => [f.compiled, ...f.qualified])),
        );
        assert.ok(templates.length > 50, `${templates.length} templates`);
    });

    /** A concrete text for one template: each variable filled from a small alphabet of separators and letters. */
    const arnOf = (t: TemplateItem[], fills: string[]) =>
        t.map((item, i) => ("lit" in item ? item.lit : fills[i % fills.length] || "a")).join("");
    const unit = fc.constantFrom("a", "B", "7", "-", "_", "/", ".", "x", "a", "b");
    const fill = fc.string({ unit, minLength: 1, maxLength: 6 });

    it("agrees for beginnings of ARNs of the same and of other templates, with characters inserted or dropped", () => {
        const seen = { true: 0, false: 0 };
        fc.assert(
            fc.property(
                fc.nat(),
                fc.nat(),
                fc.array(fill, { minLength: 1, maxLength: 4 }),
                fc.nat(),
                fc.option(fc.record({ at: fc.nat(), text: fc.constantFrom("", "/", ":", "x", "//", "a:b") })),
                (ti, si, fills, cut, edit) => {
                    const template = templates[ti % templates.length];
                    // Half the time an ARN of the template itself, else of any template (mostly another service's).
                    const source = si % 2 === 0 ? template : templates[si % templates.length];
                    let text = arnOf(source, fills);
                    // Cut in the resource part (after the fifth colon), as the fast path requires.
                    let colons = 0;
                    const start = [...text].findIndex((c) => c === ":" && ++colons === 5) + 1;
                    if (start <= 0) return;
                    text = text.slice(0, start + (cut % (text.length - start + 1)));
                    if (edit) {
                        const at = start + (edit.at % (text.length - start + 1));
                        text = text.slice(0, at) + edit.text + text.slice(at + (edit.text === "" ? 1 : 0));
                    }
                    const pattern = `${text}*`;
                    const fast = templateIntersects(template, pattern);
                    const walked = templateIntersectsByWalk(template, pattern);
                    assert.equal(fast, walked, `${pattern} against ${arnOf(template, ["{v}"])}`);
                    seen[`${fast}`]++;
                },
            ),
            params(RUNS),
        );
        // Both answers are exercised, each in a good share of the runs.
        assert.ok(seen.true > RUNS / 10 && seen.false > RUNS / 10, JSON.stringify(seen));
    });
});
