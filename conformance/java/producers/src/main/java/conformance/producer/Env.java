package conformance.producer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Driver settings from the environment (conformance/README.md, "Driver contract") and the stdout protocol. */
final class Env {
    private Env() {}

    static String get(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) throw new IllegalStateException("missing env " + name);
        return v;
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")));
    }

    /** Payloads unique per run, so a scenario can tell this batch from an earlier one. */
    static String data(long run, int i) {
        return System.getenv().getOrDefault("CONFORMANCE_WORKER", "producer") + "-" + run + "-" + i;
    }

    static synchronized void produced(String data) {
        System.out.println("PRODUCED " + data);
        System.out.flush();
    }
}
