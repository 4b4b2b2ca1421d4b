// Preloaded (node -r) into a pack being profiled: exit normally on SIGTERM so that --cpu-prof writes its profile.
process.on("SIGTERM", () => process.exit(0));
