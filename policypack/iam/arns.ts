// Reading a resource ARN (pattern) as IAM reads it, with the catalogue's ARN formats: which resource types it can
// name, and whether it names "all of them" (a wildcard in the name, region or account) or a named one's parts.

import { ArnFormat, CatalogService, loadCatalogFor, serviceNow } from "./catalog";
import { ArnFields, hasWildcard, normalizeArn, splitArn, withPolicyVariablesAs } from "./patterns";
import { templateIntersects } from "./templates";
import { remember } from "./memo";

/** An ARN format of a type, with the literal start of its resource part (`stream/`, `table/`; "" for `${BucketName}`). */
type OwnFormat = { format: ArnFormat; prefix: string };
/** Per service, the ARN formats of its own resource types (a service lists some of other services' types too), once. */
const ownFormats = new WeakMap<CatalogService, OwnFormat[]>();

function ownFormatsOf(s: CatalogService): OwnFormat[] {
    let own = ownFormats.get(s);
    if (!own) {
        own = [];
        for (const type of s.resourceTypes.values())
            for (const format of type.formats) {
                const fields = format.arn.split(":");
                // Backup's recovery points name their service as a variable: `arn:${Partition}:${Vendor}:...`.
                if (fields[2] !== s.key && !fields[2].startsWith("${")) continue;
                const resource = fields.slice(5).join(":");
                const v = resource.search(/\$\{|\*/);
                own.push({ format, prefix: v < 0 ? resource : resource.slice(0, v) });
            }
        ownFormats.set(s, own);
    }
    return own;
}

/**
 * The ARN formats of the service's own resource types that the pattern can match. A format whose literal start the
 * pattern's own start contradicts (`table/` for `stream/x`) is ruled out before the full intersection: an ARN is asked
 * about every format of its service.
 */
function formatsMatching(arn: ArnFields, pattern: string): ArnFormat[] | undefined {
    const s = serviceNow(arn.service);
    if (!s) return undefined;
    const wild = arn.resource.search(/[*?]/);
    const lead = wild < 0 ? arn.resource : arn.resource.slice(0, wild);
    const out: ArnFormat[] = [];
    for (const { format, prefix } of ownFormatsOf(s)) {
        const possible = lead.length >= prefix.length ? lead.startsWith(prefix) : wild >= 0 && prefix.startsWith(lead);
        if (possible && templateIntersects(format.compiled, pattern)) out.push(format);
    }
    return out;
}

/**
 * True when the ARN (pattern) names a service the catalogue knows but none of its resource types: IAM then matches
 * it against nothing, and the statement grants (or denies) nothing on it (`arn:aws:kinesis:*:1:MyStream`).
 */
export async function matchesNoResourceType(resource: string): Promise<boolean> {
    await loadCatalogFor([], [resource]);
    return matchesNoResourceTypeNow(resource);
}

/** matchesNoResourceType, once loadCatalogFor has loaded the ARN's service. */
export function matchesNoResourceTypeNow(resource: string): boolean {
    return remember(noType, 5000, resource, noTypeOf);
}

function noTypeOf(raw: string): boolean {
    const resource = withPolicyVariablesAs(raw, "*");
    const arn = splitArn(resource);
    if (!arn || hasWildcard(arn.service)) return false;
    const formats = formatsMatching(arn, normalizeArn(resource));
    // A service without resource types of its own (all its actions take "*") gives nothing to compare with.
    return formats !== undefined && formats.length === 0 && ownFormatsOf(serviceNow(arn.service)!).length > 0;
}

// Several rules ask the same questions about the same ARNs of a resource: answers are remembered per ARN (keyed on
// the ARN string itself, whose hash V8 keeps, rather than on a key built per question).
const noType = new Map<string, boolean>();
const broadness = new Map<string, boolean>();
const broadnessSameAccount = new Map<string, boolean>();

/**
 * Does the resource pattern name "all resources" of a type rather than named ones? True for "*", a wildcard service,
 * a wildcard region or account where the type has one (the same name in every region or account), and a wildcard in
 * the resource's own name (`stream/*`, `table/Stock*`, `role/path/*`, `parameter/dev/*`), read with the catalogue's
 * ARN format: the name is the first variable after the type keyword, up to the separator that ends it. A wildcard
 * below a named parent (`stream/NAME/consumer/*`, `table/NAME/index/*`, `function:NAME:*`, `log-group:NAME:*`) is not.
 */
export async function isBroadResource(resource: string, opts: { sameAccountOnly?: boolean } = {}): Promise<boolean> {
    await loadCatalogFor([], [resource]);
    return isBroadResourceNow(resource, opts);
}

/** isBroadResource, once loadCatalogFor has loaded the ARN's service. */
export function isBroadResourceNow(resource: string, opts: { sameAccountOnly?: boolean } = {}): boolean {
    return opts.sameAccountOnly === true
        ? remember(broadnessSameAccount, 5000, resource, broadInAccount)
        : remember(broadness, 5000, resource, broadAnywhere);
}

const broadAnywhere = (resource: string) => broad(resource, false);
const broadInAccount = (resource: string) => broad(resource, true);

function broad(raw: string, sameAccountOnly: boolean): boolean {
    if (raw === "*") return true;
    const resource = withPolicyVariablesAs(raw, "x");
    const arn = splitArn(resource);
    if (!arn) return hasWildcard(resource);
    if (hasWildcard(arn.service)) return true;
    // IAM's own actions act only in the caller's account: there a "*" account names no more than the caller's.
    const account = !sameAccountOnly && hasWildcard(arn.account);
    if (!hasWildcard(arn.region) && !account && !hasWildcard(arn.resource)) return false;
    const formats = formatsMatching(arn, normalizeArn(resource));
    // Unknown service: a wildcard in the first segment of the resource is taken as one in the name.
    if (!formats) return hasWildcard(arn.region) || account || /^[^/:]*[*?]/.test(arn.resource);
    // Matching no type, it grants nothing: iam-policy-document-valid refuses it.
    return formats.some((f) => wildcardInName(f, arn, account));
}

/**
 * Names that cannot hold "/" though the catalogue's template lets them (no sibling template ends them there), per
 * service: a "/" after such a name starts a sub-resource of the named parent. OpenSearch's HTTP actions act on
 * `domain/NAME/*`, the domain's indexes and APIs, which the catalogue writes as `domain/${DomainName}` only; a
 * domain name is [a-z][a-z0-9\-]+ (OpenSearch API reference, CreateDomain: DomainName).
 */
const NAMES_WITHOUT_SLASH: ReadonlyMap<string, ReadonlySet<string>> = new Map([["es", new Set(["DomainName"])]]);

function wildcardInName(t: ArnFormat, arn: ArnFields, account: boolean): boolean {
    const fields = t.arn.split(":");
    if ((hasWildcard(arn.region) && fields[3] !== "") || (account && fields[4] !== "")) return true;
    if (!hasWildcard(arn.resource)) return false;
    // Walk the resource part of the template over the pattern: a wildcard before the end of the name (the first
    // variable that is not a type, such as kinesis's ${StreamType}) is in the name; one after it is below the parent.
    let colons = 0;
    const items = t.compiled.slice(t.compiled.findIndex((x) => "lit" in x && x.lit === ":" && ++colons === 5) + 1);
    const r = arn.resource;
    let pos = 0;
    for (const item of items) {
        if ("lit" in item) {
            if (pos >= r.length || hasWildcard(r[pos])) return true;
            pos++;
            continue;
        }
        const ends = NAMES_WITHOUT_SLASH.get(arn.service)?.has(item.name ?? "") ? `${item.exclude}/` : item.exclude;
        while (pos < r.length && !ends.includes(r[pos])) {
            if (hasWildcard(r[pos])) return true;
            pos++;
        }
        if (!/Type$/.test(item.name ?? "")) return false;
    }
    return false;
}
