package conformance.recorder;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.protocol.MarshallingType;

/**
 * Appends one JSON line per SDK v2 API call to $CONFORMANCE_RECORD (format: conformance/README.md).
 * Registered globally through software/amazon/awssdk/global/handlers/execution.interceptors,
 * so it sees every client the library builds, whatever the emulator answers.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {
    private static final ExecutionAttribute<Pending> PENDING = new ExecutionAttribute<>("conformance.pending");
    private static final String WORKER = System.getenv().getOrDefault("CONFORMANCE_WORKER", "");
    private static FileOutputStream out;

    /** The part of a record known before the call; written once, when the outcome is known. */
    private static final class Pending {
        final AtomicBoolean written = new AtomicBoolean();
        final String head;
        Pending(String head) { this.head = head; }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
        String service = iamPrefix(attrs.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        String operation = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        StringBuilder b = new StringBuilder("{\"recorder\":\"java-sdk-v2\",\"worker\":");
        quote(b, WORKER).append(",\"service\":");
        quote(b, service).append(",\"operation\":");
        quote(b, operation).append(",\"params\":");
        params(b, context.request());
        b.append(",\"t\":").append(System.currentTimeMillis());
        attrs.putAttribute(PENDING, new Pending(b.toString()));
    }

    /**
     * An event-stream call (SubscribeToShard) completes only when its subscription ends, minutes later: its 2xx
     * response headers are its outcome. For other calls a 2xx here is the same "ok" afterExecution would write.
     */
    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attrs) {
        if (context.httpResponse().isSuccessful()) finish(attrs, "ok");
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attrs) {
        finish(attrs, "ok");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attrs) {
        finish(attrs, outcome(context.exception()));
    }

    private static void finish(ExecutionAttributes attrs, String outcome) {
        Pending p = attrs.getAttribute(PENDING);
        if (p == null || !p.written.compareAndSet(false, true)) return;
        StringBuilder b = new StringBuilder(p.head).append(",\"outcome\":");
        quote(b, outcome).append("}\n");
        append(b.toString());
    }

    /** The service error code, or "client-error" when no service response came. */
    static String outcome(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                return code == null || code.isEmpty() ? "HTTP" + e.statusCode() : code;
            }
            if (c.getCause() == c) break;
        }
        return "client-error";
    }

    /** SDK service names ("Kinesis", "DynamoDb", "CloudWatch", "Sts") to IAM prefixes. */
    static String iamPrefix(String serviceName) {
        return serviceName == null ? "" : serviceName.toLowerCase(Locale.ROOT);
    }

    /** Every top-level String member by model name, the number of Tags, and TransactItems for DynamoDB transactions. */
    static void params(StringBuilder b, SdkRequest request) {
        b.append('{');
        boolean first = true;
        for (SdkField<?> f : request.sdkFields()) {
            Object v = f.getValueOrDefault(request);
            if (v == null) continue;
            if (f.marshallingType() == MarshallingType.STRING) {
                if (!first) b.append(',');
                quote(b, f.memberName()).append(':');
                quote(b, v.toString());
                first = false;
            } else if (f.memberName().equals("Tags") && v instanceof List<?> tags && !tags.isEmpty()) {
                // Only the count: creating a table with tags is also authorized as dynamodb:TagResource.
                if (!first) b.append(',');
                quote(b, "Tags").append(':').append(tags.size());
                first = false;
            } else if (f.memberName().equals("TransactItems") && v instanceof List<?> items) {
                if (!first) b.append(',');
                quote(b, "TransactItems").append(":[");
                transactItems(b, items);
                b.append(']');
                first = false;
            }
        }
        b.append('}');
    }

    /** TransactWriteItem / TransactGetItem: the one set member (ConditionCheck, Put, Update, Delete, Get). */
    private static void transactItems(StringBuilder b, List<?> items) {
        boolean first = true;
        for (Object item : items) {
            if (!(item instanceof SdkPojo pojo)) continue;
            for (SdkField<?> f : pojo.sdkFields()) {
                Object inner = f.getValueOrDefault(pojo);
                if (!(inner instanceof SdkPojo op)) continue;
                if (!first) b.append(',');
                b.append("{\"kind\":");
                quote(b, f.memberName());
                for (SdkField<?> g : op.sdkFields()) {
                    Object s = g.getValueOrDefault(op);
                    if (g.marshallingType() == MarshallingType.STRING && s != null) {
                        b.append(',');
                        quote(b, g.memberName()).append(':');
                        quote(b, s.toString());
                    }
                }
                b.append('}');
                first = false;
            }
        }
    }

    static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"');
    }

    /** One write per line on an append-mode stream: lines from threads (and processes) never interleave. */
    private static synchronized void append(String line) {
        String path = System.getenv("CONFORMANCE_RECORD");
        if (path == null || path.isEmpty()) return;
        try {
            if (out == null) out = new FileOutputStream(path, true);
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            System.err.println("recorder-v2: cannot append to " + path + ": " + e);
        }
    }
}
