// Loaded by mocha before any spec (.mocharc.json). The Pulumi SDK records a stack trace for every promise it
// makes, and under ts-node each frame is rewritten through source maps: in the mocks-based specs that was about
// 40% of the time. Eight frames still show where an assertion failed.
Error.stackTraceLimit = 8;
