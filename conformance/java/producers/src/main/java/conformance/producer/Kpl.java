package conformance.producer;

import com.google.common.util.concurrent.ListenableFuture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * KPL 1.0.7 producer. Its native process always speaks TLS (KinesisProducerConfiguration.setKinesisEndpoint: "There
 * is no way to disable TLS"), so both endpoints are 127.0.0.1 ports of the lead's recording proxy.
 */
public final class Kpl {
    private Kpl() {}

    public static void main(String[] args) throws Exception {
        String stream = Env.get("CONF_STREAM");
        int count = Integer.parseInt(Env.get("CONF_COUNT"));
        long metricsDelay = 1000;
        KinesisProducerConfiguration config = new KinesisProducerConfiguration()
                .setRegion(Env.get("AWS_REGION"))
                .setCredentialsProvider(Env.credentials())
                .setKinesisEndpoint("127.0.0.1")
                .setKinesisPort(Long.parseLong(Env.get("KPL_KINESIS_PORT")))
                .setCloudwatchEndpoint("127.0.0.1")
                .setCloudwatchPort(Long.parseLong(Env.get("KPL_CLOUDWATCH_PORT")))
                .setVerifyCertificate(false)
                // Metrics stay at their default level; only the upload delay (default 60 s) is shortened.
                .setMetricsUploadDelay(metricsDelay)
                .setRecordMaxBufferedTime(100);
        KinesisProducer producer = new KinesisProducer(config);

        long run = System.currentTimeMillis();
        List<String> data = new ArrayList<>();
        List<ListenableFuture<UserRecordResult>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String d = Env.data(run, i);
            data.add(d);
            futures.add(producer.addUserRecord(
                    stream, "pk-" + i, ByteBuffer.wrap(d.getBytes(StandardCharsets.UTF_8))));
        }
        producer.flushSync();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            UserRecordResult r = futures.get(i).get();
            if (r.isSuccessful()) {
                Env.produced(data.get(i));
            } else {
                failed++;
                System.err.println("record " + i + " failed: " + r.getAttempts().get(r.getAttempts().size() - 1)
                        .getErrorMessage());
            }
        }
        // Let at least one metrics upload (PutMetricData) happen before the native process is stopped.
        Thread.sleep(2 * metricsDelay + 500);
        producer.destroy();
        System.exit(failed == 0 ? 0 : 1);
    }
}
