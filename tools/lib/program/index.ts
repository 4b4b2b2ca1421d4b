// Run a Pulumi program under mocks and capture what it registers (tools/lib/program/run.ts), with its stack
// configuration (config.ts), module resolution (modules.ts), wire values (wire.ts) and the SDK adapter (monitor.ts).
export * from "./types";
export { readStackConfig, resolveEntry, StackConfig } from "./config";
export { typeCheck } from "./typecheck";
export { plain } from "./wire";
export { checkRegistrations } from "./engine";
export { runProgram } from "./run";
