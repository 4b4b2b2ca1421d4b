// The reviewed table of granted actions that no scenario calls: each is a path a real deployment reaches (so the
// grant stays: without it that path is an outage), but that the scenarios cannot reach in minutes on emulators.
// Every entry names the configurations it covers, why, and the library code that takes the path.

export interface OptionalPath {
    action: string;
    /** The granted resources it covers. */
    resource: RegExp;
    /** The configuration ids it covers. */
    configurations: RegExp;
    why: string;
    /** repo@tag:path of the code that makes the call. */
    source: string;
}

export const OPTIONAL_PATHS: readonly OptionalPath[] = [];

export const optionalPathsFor = (configurationId: string): OptionalPath[] => OPTIONAL_PATHS.filter((o) => o.configurations.test(configurationId));
