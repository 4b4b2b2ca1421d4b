package conformance.kcl;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig.WorkerUtilizationAwareAssignmentConfig;

/** KCL 3.x settings (shared by kcl3 = 3.5.1 and kcl3.4 = 3.4.2). */
final class Tuning {
    private Tuning() {}

    static void apply(CoordinatorConfig coordinator, LeaseManagementConfig lease, List<Tag> tags) {
        WorkerUtilizationAwareAssignmentConfig wu = lease.workerUtilizationAwareAssignmentConfig();
        // The only path in KCL 3.x that reads EC2 instance metadata (169.254.169.254): Scheduler
        // .selectWorkerMetricsIfAvailable -> WorkerMetricsSelector.create() -> worker/platform/Ec2Resource.java
        // (amazon-kinesis-client/src/main/java/software/amazon/kinesis/, v3.4.2 and v3.5.1). It runs only while
        // workerMetricList is empty and disableWorkerMetrics is false.
        wu.disableWorkerMetrics(true);
        wu.inMemoryWorkerMetricsCaptureFrequencyMillis(500);
        wu.workerMetricsReporterFreqInMillis(1000);
        wu.workerMetricsTableConfig().tags(tags);
        // The leader deletes a dead worker's metrics once they are this old (default a day): seconds, so the scenario's
        // failover reaches that DeleteItem (coordinator/assignment/MigrationAwareLAMDataManager.java, v3.5.1).
        wu.staleWorkerMetricsEntryCleanupDuration(java.time.Duration.ofSeconds(5));
        coordinator.coordinatorStateTableConfig().tags(tags);
        // Lease assignment (by the leader) and leader election through the DynamoDB lock client: seconds, not minutes.
        lease.leaseAssignmentIntervalMillis(2000L);
        lease.dynamoDbLockBasedLeaderLeaseDurationInMillis(6000);
        lease.dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(2000);
        lease.gracefulLeaseHandoffConfig(LeaseManagementConfig.GracefulLeaseHandoffConfig.builder()
                .gracefulLeaseHandoffTimeoutMillis(3000)
                .build());
        SingleTable.apply(coordinator, Boolean.parseBoolean(System.getenv("CONF_SINGLE_TABLE")));
    }
}
