package conformance.kcl;

import software.amazon.kinesis.coordinator.CoordinatorConfig;

/**
 * KCL 3.5.1 keeps its metadata in the lease table when APP-CoordinatorState does not exist (new applications:
 * coordinator/delegate/LegacyTableCoordinatorStateDAODelegate.java marks the legacy table "not enabled" on
 * ResourceNotFound). For an application that has the legacy tables, CoordinatorConfig.migrateAllEntitiesToLeaseTable
 * (coordinator/CoordinatorConfig.java, v3.5.1) is the switch that moves it into the lease table (migration phase 2).
 */
final class SingleTable {
    private SingleTable() {}

    static void apply(CoordinatorConfig coordinator, boolean singleTable) {
        coordinator.migrateAllEntitiesToLeaseTable(singleTable);
    }
}
