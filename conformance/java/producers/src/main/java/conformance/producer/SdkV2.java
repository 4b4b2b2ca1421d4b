package conformance.producer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** A plain SDK for Java v2 producer: the first record with PutRecord, the rest with PutRecords. */
public final class SdkV2 {
    private SdkV2() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("aws.disableEc2Metadata", "true");
        String stream = Env.get("CONF_STREAM");
        int count = Integer.parseInt(Env.get("CONF_COUNT"));
        long run = System.currentTimeMillis();
        try (KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(URI.create(Env.get("KINESIS_ENDPOINT")))
                .region(Region.of(Env.get("AWS_REGION")))
                .credentialsProvider(Env.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            if (count > 0) {
                String d = Env.data(run, 0);
                kinesis.putRecord(PutRecordRequest.builder()
                        .streamName(stream).partitionKey("pk-0").data(SdkBytes.fromUtf8String(d)).build());
                Env.produced(d);
            }
            List<String> pending = new ArrayList<>();
            for (int i = 1; i < count; i++) pending.add(Env.data(run, i));
            for (int attempt = 0; !pending.isEmpty() && attempt < 10; attempt++) {
                pending = putRecords(kinesis, stream, pending);
            }
            if (!pending.isEmpty()) {
                System.err.println(pending.size() + " records not accepted");
                System.exit(1);
            }
        }
        System.exit(0);
    }

    /** Puts up to 500 per request; returns the records the service rejected, to be retried. */
    private static List<String> putRecords(KinesisClient kinesis, String stream, List<String> data) {
        List<String> rejected = new ArrayList<>();
        for (int from = 0; from < data.size(); from += 500) {
            List<String> batch = data.subList(from, Math.min(from + 500, data.size()));
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (String d : batch) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey("pk-" + d.hashCode()).data(SdkBytes.fromUtf8String(d)).build());
            }
            PutRecordsResponse r = kinesis.putRecords(
                    PutRecordsRequest.builder().streamName(stream).records(entries).build());
            for (int i = 0; i < batch.size(); i++) {
                PutRecordsResultEntry e = r.records().get(i);
                if (e.errorCode() == null) Env.produced(batch.get(i));
                else rejected.add(batch.get(i));
            }
        }
        return rejected;
    }
}
