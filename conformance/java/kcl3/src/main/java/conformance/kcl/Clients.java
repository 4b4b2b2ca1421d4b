package conformance.kcl;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.utils.AttributeMap;

/** The three clients KCL gets, each pinned to a 127.0.0.1 endpoint with static credentials and a region. */
final class Clients {
    private Clients() {}

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) throw new IllegalStateException("missing env " + name);
        return v;
    }

    static Region region() {
        return Region.of(env("AWS_REGION"));
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")));
    }

    /**
     * HTTP/2 as KCL's own KinesisClientUtil sets it (amazon-kinesis-client/src/main/java/software/amazon/kinesis/
     * common/KinesisClientUtil.java), needed by SubscribeToShard. An https endpoint (kinesis-local's TLS port,
     * self-signed) is trusted blindly; an http endpoint is spoken to as h2c.
     */
    static KinesisAsyncClient kinesis(String endpoint) {
        URI uri = URI.create(endpoint);
        SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
                .maxConcurrency(Integer.MAX_VALUE)
                .http2Configuration(Http2Configuration.builder()
                        .initialWindowSize(512 * 1024)
                        .healthCheckPingPeriod(Duration.ofSeconds(60))
                        .build())
                .protocol(Protocol.HTTP2)
                .buildWithDefaults(AttributeMap.builder()
                        .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, "https".equals(uri.getScheme()))
                        .build());
        return KinesisAsyncClient.builder()
                .endpointOverride(uri)
                .region(region())
                .credentialsProvider(credentials())
                .httpClient(http)
                .build();
    }

    static DynamoDbAsyncClient dynamoDb() {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(URI.create(env("DYNAMODB_ENDPOINT")))
                .region(region())
                .credentialsProvider(credentials())
                .build();
    }

    static CloudWatchAsyncClient cloudWatch() {
        return CloudWatchAsyncClient.builder()
                .endpointOverride(URI.create(env("CLOUDWATCH_ENDPOINT")))
                .region(region())
                .credentialsProvider(credentials())
                .build();
    }
}
