package conformance.kcl;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.LeaseCleanupConfig;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener.WorkerState;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.fanout.FanOutConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * A KCL 2.x/3.x worker driven by the environment (conformance/README.md, "Driver contract").
 * Shared by the kcl2, kcl3 and kcl3.4 modules; what differs per version lives in Tuning.
 */
public final class Worker {
    private Worker() {}

    private static volatile boolean failed;
    private static volatile boolean stopping;

    public static void main(String[] args) throws Exception {
        // Next to AWS_EC2_METADATA_DISABLED: the SDK's own switch as a system property (SdkSystemSetting).
        System.setProperty("aws.disableEc2Metadata", "true");
        String stream = Clients.env("CONF_STREAM");
        String app = Clients.env("CONF_APP");
        String worker = Clients.env("CONFORMANCE_WORKER");
        boolean efo = Boolean.parseBoolean(System.getenv("CONF_EFO"));

        KinesisAsyncClient kinesis = Clients.kinesis(kinesisEndpoint());
        ConfigsBuilder cb = new ConfigsBuilder(
                stream, app, kinesis, Clients.dynamoDb(), Clients.cloudWatch(), worker, Processor::new);
        String namespace = System.getenv("CONF_METRICS_NAMESPACE");
        if (namespace != null && !namespace.isEmpty()) cb.namespace(namespace);
        List<Tag> tags = tags(System.getenv("CONF_TABLE_TAGS"));

        // Each ConfigsBuilder accessor makes a new object: take each once.
        LeaseManagementConfig lease = cb.leaseManagementConfig()
                .failoverTimeMillis(3000)
                .shardSyncIntervalMillis(2000)
                .leasesRecoveryAuditorExecutionFrequencyMillis(5000)
                .leaseTablePitrEnabled(Boolean.parseBoolean(System.getenv("CONF_PITR")))
                .tags(tags);
        shortenLeaseCleanup(lease);

        CoordinatorConfig coordinator = cb.coordinatorConfig()
                .parentShardPollIntervalMillis(1000)
                .schedulerInitializationBackoffTimeMillis(1000)
                .workerStateChangeListener(state -> {
                    if (state == WorkerState.STARTED) Out.line("READY");
                });

        MetricsConfig metrics = cb.metricsConfig().metricsBufferTimeMillis(2000);

        RetrievalConfig retrieval = cb.retrievalConfig()
                .initialPositionInStreamExtended(
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON))
                .retrievalSpecificConfig(efo
                        ? new FanOutConfig(kinesis).streamName(stream).applicationName(app)
                        : new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(500));

        Tuning.apply(coordinator, lease, tags);

        Scheduler scheduler = new Scheduler(
                cb.checkpointConfig(), coordinator, lease, cb.lifecycleConfig(), metrics, cb.processorConfig(),
                retrieval);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(scheduler), "graceful-shutdown"));
        Thread run = new Thread(scheduler, "scheduler");
        run.start();
        run.join();
        if (stopping) Thread.currentThread().join(); // the shutdown hook exits
        // Otherwise run() returned on its own: initialization failed for good.
        failed = true;
        System.err.println("scheduler stopped");
        System.exit(1);
    }

    /** SIGTERM: graceful shutdown (checkpoints via shutdownRequested), then exit 0 as the contract says. */
    private static void shutdown(Scheduler scheduler) {
        if (failed) return;
        stopping = true;
        try {
            // Under load on two cores KCL 2.x took over 25 s to finish its last tasks once: 60 s, within the scenario's 90.
            boolean done = scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
            if (!done) System.err.println("graceful shutdown reported false");
            Out.line("SHUTDOWN_COMPLETE");
            // halt: a JVM ended by SIGTERM would otherwise exit 143.
            Runtime.getRuntime().halt(0);
        } catch (Exception e) {
            System.err.println("graceful shutdown failed: " + e);
            Runtime.getRuntime().halt(1);
        }
    }

    /** EFO needs HTTP/2: the plain port is spoken to as h2c; CONF_KINESIS_TLS=true picks the TLS port. */
    private static String kinesisEndpoint() {
        return Boolean.parseBoolean(System.getenv("CONF_KINESIS_TLS"))
                ? Clients.env("KINESIS_TLS_ENDPOINT")
                : Clients.env("KINESIS_ENDPOINT");
    }

    /** "k=v,k2=v2" to DynamoDB tags for the tables KCL creates. */
    static List<Tag> tags(String spec) {
        List<Tag> tags = new ArrayList<>();
        if (spec == null || spec.isBlank()) return tags;
        for (String pair : spec.split(",")) {
            String[] kv = pair.split("=", 2);
            tags.add(Tag.builder().key(kv[0].trim()).value(kv.length > 1 ? kv[1].trim() : "").build());
        }
        return tags;
    }

    /**
     * Parent leases are deleted by LeaseCleanupManager, by default after minutes. The config field is final with no
     * setter (amazon-kinesis-client/src/main/java/software/amazon/kinesis/leases/LeaseManagementConfig.java,
     * `leaseCleanupConfig`, v2.7.2 and v3.5.1), so set it by reflection; it only changes when cleanup runs.
     */
    private static void shortenLeaseCleanup(LeaseManagementConfig lease) throws ReflectiveOperationException {
        Field f = LeaseManagementConfig.class.getDeclaredField("leaseCleanupConfig");
        f.setAccessible(true);
        f.set(lease, LeaseCleanupConfig.builder()
                .leaseCleanupIntervalMillis(1000)
                .completedLeaseCleanupIntervalMillis(2000)
                .garbageLeaseCleanupIntervalMillis(5000)
                .build());
    }
}
