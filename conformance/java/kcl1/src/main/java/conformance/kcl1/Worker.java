package conformance.kcl1;

import com.amazonaws.SDKGlobalConfiguration;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.cloudwatch.AmazonCloudWatch;
import com.amazonaws.services.cloudwatch.AmazonCloudWatchClientBuilder;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.kinesis.AmazonKinesis;
import com.amazonaws.services.kinesis.AmazonKinesisClientBuilder;
import com.amazonaws.services.kinesis.clientlibrary.lib.worker.InitialPositionInStream;
import com.amazonaws.services.kinesis.clientlibrary.lib.worker.KinesisClientLibConfiguration;
import com.amazonaws.services.kinesis.clientlibrary.lib.worker.WorkerStateChangeListener.WorkerState;
import com.amazonaws.services.kinesis.metrics.impl.CWMetricsFactory;

import java.util.concurrent.TimeUnit;

/**
 * The real KCL 1.x worker, configured by the environment (conformance/README.md, "Driver contract").
 * Paths below are in awslabs/amazon-kinesis-client at v1.15.3.
 */
public final class Worker {
    private static volatile boolean exiting;

    public static void main(String[] args) throws Exception {
        // No instance metadata (169.254.169.254): SDKGlobalConfiguration.AWS_EC2_METADATA_DISABLED_SYSTEM_PROPERTY
        // and the AWS_EC2_METADATA_DISABLED env var; the region and credentials are explicit anyway.
        System.setProperty(SDKGlobalConfiguration.AWS_EC2_METADATA_DISABLED_SYSTEM_PROPERTY, "true");
        // JSON instead of CBOR for Kinesis (com.amazonaws.sdk.disableCbor): kinesis-local encodes GetRecords' Data
        // as a CBOR text string, which the SDK v1 CBOR parser rejects. DynamoDB and CloudWatch never use CBOR.
        System.setProperty(SDKGlobalConfiguration.AWS_CBOR_DISABLE_SYSTEM_PROPERTY, "true");
        String region = env("AWS_REGION");
        String app = env("CONF_APP");
        AWSCredentialsProvider credentials = new AWSStaticCredentialsProvider(
                new BasicAWSCredentials(env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")));

        // Clients built by us with a builder are immutable: Worker.Builder.build() (lib/worker/Worker.java) then
        // cannot reset their region or endpoint (setField swallows UnsupportedOperationException).
        AmazonKinesis kinesis = AmazonKinesisClientBuilder.standard().withCredentials(credentials)
                .withEndpointConfiguration(new EndpointConfiguration(env("KINESIS_ENDPOINT"), region)).build();
        AmazonDynamoDB dynamo = AmazonDynamoDBClientBuilder.standard().withCredentials(credentials)
                .withRequestHandlers(new MotoExpectedShim())
                .withEndpointConfiguration(new EndpointConfiguration(env("DYNAMODB_ENDPOINT"), region)).build();
        AmazonCloudWatch cloudWatch = AmazonCloudWatchClientBuilder.standard().withCredentials(credentials)
                .withEndpointConfiguration(new EndpointConfiguration(env("CLOUDWATCH_ENDPOINT"), region)).build();

        // Shortened timers only change when calls happen, not which (README, "Driver contract").
        KinesisClientLibConfiguration config = new KinesisClientLibConfiguration(
                app, env("CONF_STREAM"), credentials, env("CONFORMANCE_WORKER"))
                .withRegionName(region)
                .withInitialPositionInStream(InitialPositionInStream.TRIM_HORIZON)
                .withFailoverTimeMillis(3000)
                .withShardSyncIntervalMillis(1000)
                .withIdleTimeBetweenReadsInMillis(250)
                .withParentShardPollIntervalMillis(500)
                .withTaskBackoffTimeMillis(500)
                .withMetricsBufferTimeMillis(1000)
                .withListShardsBackoffTimeInMillis(500)
                .withLeaseCleanupIntervalMillis(1000)
                .withCompletedLeaseCleanupThresholdMillis(1000)
                .withGarbageLeaseCleanupThresholdMillis(5000)
                .withLeasesRecoveryAuditorExecutionFrequencyMillis(5000);
        shortenInitialLeaseSyncWait();

        com.amazonaws.services.kinesis.clientlibrary.lib.worker.Worker.Builder builder =
                new com.amazonaws.services.kinesis.clientlibrary.lib.worker.Worker.Builder()
                        .recordProcessorFactory(Processor::new)
                        .config(config)
                        .kinesisClient(kinesis)
                        .dynamoDBClient(dynamo)
                        .cloudWatchClient(cloudWatch)
                        // READY once initialize() is done and the run loop starts (Worker.initialize: STARTED)
                        .workerStateChangeListener(state -> {
                            if (state == WorkerState.STARTED) say("READY");
                        });

        // KCL 1.x has no namespace setting: Worker.getMetricsFactory always uses the application name. Its public
        // CWMetricsFactory takes one, and Worker.Builder.metricsFactory accepts it.
        String namespace = System.getenv("CONF_METRICS_NAMESPACE");
        CWMetricsFactory customMetrics = null;
        if (namespace != null && !namespace.isEmpty()) {
            customMetrics = new CWMetricsFactory(cloudWatch, namespace, config.getMetricsBufferTimeMillis(),
                    config.getMetricsMaxQueueSize(), config.getMetricsLevel(), config.getMetricsEnabledDimensions());
            builder.metricsFactory(customMetrics);
        }
        com.amazonaws.services.kinesis.clientlibrary.lib.worker.Worker worker = builder.build();

        Thread loop = new Thread(worker, "kcl1-worker");
        CWMetricsFactory metrics = customMetrics;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (exiting) return;
            try {
                worker.startGracefulShutdown().get(60, TimeUnit.SECONDS);
                loop.join(10_000); // Worker.finalShutdown flushes the default metrics factory
                // Worker.finalShutdown only shuts down its own WorkerCWMetricsFactory: flush ours
                if (metrics != null) metrics.shutdown();
                say("SHUTDOWN_COMPLETE");
                Runtime.getRuntime().halt(0);
            } catch (Exception e) {
                System.err.println("kcl1: graceful shutdown failed: " + e);
                Runtime.getRuntime().halt(1);
            }
        }, "kcl1-shutdown"));

        loop.start();
        loop.join();
        // The loop ended without SIGTERM (e.g. initialization failed 20 times): a failure, not a shutdown.
        if (!worker.hasGracefulShutdownStarted()) {
            exiting = true;
            System.err.println("kcl1: worker loop ended without a shutdown request");
            System.exit(1);
        }
    }

    /**
     * Worker.shouldInitiateLeaseSync waits a random 1-30 s while the lease table is empty, so that workers starting
     * together do not all sync shards (Worker.MAX_WAIT_TIME_FOR_LEASE_TABLE_CHECK_MILLIS, package-private, not
     * configurable). 3 s keeps the same calls (DescribeTable/Scan polls, then one shard sync) within seconds.
     */
    private static void shortenInitialLeaseSyncWait() {
        try {
            var f = com.amazonaws.services.kinesis.clientlibrary.lib.worker.Worker.class
                    .getDeclaredField("MAX_WAIT_TIME_FOR_LEASE_TABLE_CHECK_MILLIS");
            f.setAccessible(true);
            f.setLong(null, 3000L);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("kcl1: cannot shorten the initial lease sync wait: " + e);
        }
    }

    static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) throw new IllegalStateException("missing environment variable " + name);
        return v;
    }
}
