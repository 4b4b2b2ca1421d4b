package conformance.kcl;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/** KCL 2.x: no worker metrics, no leader lock, one table; nothing beyond the shared settings in Worker. */
final class Tuning {
    private Tuning() {}

    static void apply(CoordinatorConfig coordinator, LeaseManagementConfig lease, List<Tag> tags) {
        if (Boolean.parseBoolean(System.getenv("CONF_SINGLE_TABLE"))) {
            throw new IllegalArgumentException("CONF_SINGLE_TABLE needs KCL 3.5+");
        }
    }
}
