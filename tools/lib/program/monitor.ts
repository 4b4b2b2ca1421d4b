// The one typed adapter at the SDK's untyped mock monitor: the only place the SDK's gRPC request objects are touched,
// so the `any` stays here. The wrapped registerResource sees the whole request (parent, dependencies, property
// dependencies, options), which `Mocks.newResource` never receives.
/* The SDK's mock monitor and its protobuf requests carry no types: `any` is confined to this file. */

import { isAutonamed } from "../mocks";
import { CapturedResource, emptyOptions, ResourceOptions } from "./types";
import { plainObject } from "./wire";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Callback = (err: unknown, resp: any) => void;
type Method = (req: any, callback: Callback) => unknown;

/** What the capture needs of the SDK's MockMonitor. */
export interface UntypedMonitor {
    newUrn: (parent: string, type: string, name: string) => string;
    registerResource: Method;
    readResource: Method;
    registerResourceOutputs: Method;
}

export interface Capture {
    /** Every resource in registration order; `urn` is "" until the monitor answers. */
    records: CapturedResource[];
    /** The root stack's outputs, once registered. */
    stackOutputs?: Record<string, unknown>;
    /** additionalSecretOutputs of the registration in progress: newResource runs synchronously inside it. */
    current?: { additionalSecretOutputs: string[] };
}

export function asMonitor(m: unknown): UntypedMonitor {
    const monitor = m as Partial<UntypedMonitor> | undefined;
    if (!monitor || typeof monitor.registerResource !== "function") throw new Error("could not install the mock monitor");
    return monitor as UntypedMonitor;
}

/** Wraps the monitor so that every registration, read and stack output lands in `capture`. */
export function installCapture(monitor: UntypedMonitor, stack: string, project: string, capture: Capture): void {
    // URNs as the engine makes them: children of the root stack are not qualified by its type, and a
    // child's type is qualified by its parent's whole type chain.
    monitor.newUrn = (parent: string, type: string, name: string) => {
        const parentType = parent ? parent.split("::")[2] : undefined;
        const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
        return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
    };
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: Callback) => {
        const rec = fromRequest(req);
        capture.records.push(rec);
        capture.current = { additionalSecretOutputs: rec.options.additionalSecretOutputs };
        try {
            return registerResource(req, (err: unknown, resp: any) => {
                if (resp) onRegistered(rec, resp);
                callback(err, resp);
            });
        } finally {
            capture.current = undefined;
        }
    };
    const readResource = monitor.readResource.bind(monitor);
    monitor.readResource = (req: any, callback: Callback) => {
        const rec = fromReadRequest(req);
        capture.records.push(rec);
        return readResource(req, (err: unknown, resp: any) => {
            if (resp) rec.urn = resp.getUrn();
            callback(err, resp);
        });
    };
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: Callback) => {
        if (req.getUrn().split("::")[2] === "pulumi:pulumi:Stack")
            capture.stackOutputs = plainObject(req.getOutputs()?.toJavaScript());
        return registerResourceOutputs(req, callback);
    };
}

function onRegistered(rec: CapturedResource, resp: any): void {
    rec.urn = resp.getUrn();
    rec.id = resp.getId() || undefined;
    const obj = resp.getObject();
    const state = (obj ? obj.toJavaScript() : {}) as Record<string, unknown>;
    rec.outputs = plainObject(state);
    rec.wireOutputs = state;
    // The provider's Check assigns autonames before analyzers see the inputs: so do we.
    if (rec.custom && isAutonamed(rec.type) && rec.wireInputs.name === undefined && typeof state.name === "string") {
        rec.wireInputs.name = state.name;
        rec.inputs.name = state.name;
    }
}

function fromReadRequest(req: any): CapturedResource {
    const wire = (req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
    return {
        urn: "",
        type: req.getType(),
        name: req.getName(),
        parent: req.getParent() || undefined,
        custom: true,
        external: true,
        inputs: plainObject(wire),
        wireInputs: wire,
        options: { ...emptyOptions(), dependsOn: req.getDependenciesList?.() ?? [], provider: req.getProvider() || undefined },
        propertyDependencies: {},
        id: req.getId() || undefined,
    };
}

function optionsOf(req: any): ResourceOptions {
    const options: ResourceOptions = {
        ...emptyOptions(),
        dependsOn: [...req.getDependenciesList()],
        ignoreChanges: [...req.getIgnorechangesList()],
        additionalSecretOutputs: [...req.getAdditionalsecretoutputsList()],
        replaceOnChanges: [...req.getReplaceonchangesList()],
    };
    if (req.hasProtect?.()) options.protect = req.getProtect();
    if (req.hasRetainondelete?.()) options.retainOnDelete = req.getRetainondelete();
    if (req.getProvider()) options.provider = req.getProvider();
    if (req.getDeletebeforereplacedefined()) options.deleteBeforeReplace = req.getDeletebeforereplace();
    if (req.getDeletedwith()) options.deletedWith = req.getDeletedwith();
    if (req.getImportid()) options.importId = req.getImportid();
    if (req.getVersion()) options.version = req.getVersion();
    const aliases = req.getAliasesList?.() ?? [];
    if (aliases.length > 0) options.aliases = aliases.map((a: any) => (typeof a?.toObject === "function" ? a.toObject() : a));
    const ct = req.hasCustomtimeouts?.() ? req.getCustomtimeouts() : undefined;
    if (ct && (ct.getCreate() || ct.getUpdate() || ct.getDelete())) {
        options.customTimeouts = {
            create: ct.getCreate() || undefined,
            update: ct.getUpdate() || undefined,
            delete: ct.getDelete() || undefined,
        };
    }
    return options;
}

function fromRequest(req: any): CapturedResource {
    const wire = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
        propertyDependencies[key] = [...deps.getUrnsList()];
    });
    return {
        urn: "",
        type: req.getType(),
        name: req.getName(),
        parent: req.getParent() || undefined,
        custom: req.getCustom(),
        inputs: plainObject(wire),
        wireInputs: wire,
        options: optionsOf(req),
        propertyDependencies,
    };
}
