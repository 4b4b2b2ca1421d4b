// Who a document reaches: the stack's users, roles and groups (with their paths), and the principals a resource or
// trust policy names.

import { PrincipalKind, TYPES } from "../../../policypack/iam/sources";
import { known, list, normPath } from "./documents";
import { MatrixContext, MatrixResource, Principal } from "./types";

/** A user, role or group: the kinds of identity policies attach to (policypack/iam/sources.ts's). */
export type IdentityKind = PrincipalKind;

export const IDENTITY_TYPES: Record<string, IdentityKind> = {
    [TYPES.user]: "user",
    [TYPES.role]: "role",
    [TYPES.group]: "group",
    [TYPES.serviceLinkedRole]: "role",
};

/** A user, role or group the stack manages. */
export interface Identity extends Principal {
    kind: IdentityKind;
    /** Its IAM name, as attachments and memberships refer to it. */
    physicalName?: string;
}

/** The part of an ARN after its account (`role/ops/oncall`, `assumed-role/R/s`), or the text itself if it is none. */
export const arnResource = (arn: string) => (arn.startsWith("arn:") ? arn.split(":").slice(5).join(":") : arn);

/** The name with the path of an IAM identity ARN (`ops/oncall` of `arn:…:role/ops/oncall`). */
export const pathAndName = (arn: string) => arnResource(arn).split("/").slice(1).join("/") || arn;

export function identityOf(r: MatrixResource, ctx: MatrixContext): Identity {
    const kind = IDENTITY_TYPES[r.type];
    const out = r.outputs ?? {};
    const name = known(r.inputs.name) ? r.inputs.name : known(out.name) ? out.name : undefined;
    const linked = r.type === TYPES.serviceLinkedRole && known(r.inputs.awsServiceName);
    const iamPath = linked ? `/aws-service-role/${r.inputs.awsServiceName}/` : normPath(r.inputs.path);
    let arn = known(out.arn) ? out.arn : undefined;
    if (!arn && name) arn = `arn:${ctx.partition}:iam::${ctx.account}:${kind}${iamPath}${name}`;
    const shown = arn ? pathAndName(arn) : name ? `${iamPath.slice(1)}${name}` : r.name;
    return { id: arn ?? r.urn, kind, name: shown, urn: r.urn, physicalName: name };
}

const ANYONE: Principal = { id: "*", kind: "anyone", name: "anyone" };

function awsPrincipal(p: string, ctx: MatrixContext): Principal {
    if (p === "*") return ANYONE;
    if (/^\d{12}$/.test(p)) return { id: `arn:${ctx.partition}:iam::${p}:root`, kind: "account", name: p };
    if (/:root$/.test(p)) return { id: p, kind: "account", name: p.split(":")[4] ?? p };
    return { id: p, kind: "external", name: arnResource(p) };
}

/** The principals of a statement's `Principal`. */
export function principalsOf(value: unknown, ctx: MatrixContext): Principal[] {
    if (value === "*") return [ANYONE];
    if (!value || typeof value !== "object") return [];
    const out: Principal[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        for (const p of list(v)) {
            if (k === "AWS") out.push(awsPrincipal(p, ctx));
            else if (k === "Service") out.push({ id: `service:${p}`, kind: "service", name: p });
            else if (k === "Federated") out.push({ id: `federated:${p}`, kind: "federated", name: p });
            else out.push({ id: `${k.toLowerCase()}:${p}`, kind: "external", name: p });
        }
    }
    return out;
}
