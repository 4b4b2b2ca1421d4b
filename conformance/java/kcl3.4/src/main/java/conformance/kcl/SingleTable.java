package conformance.kcl;

import software.amazon.kinesis.coordinator.CoordinatorConfig;

/** KCL 3.4.2 has no single-table metadata mode (CoordinatorConfig has no migrateAllEntitiesToLeaseTable). */
final class SingleTable {
    private SingleTable() {}

    static void apply(CoordinatorConfig coordinator, boolean singleTable) {
        if (singleTable) throw new IllegalArgumentException("CONF_SINGLE_TABLE needs KCL 3.5+");
    }
}
