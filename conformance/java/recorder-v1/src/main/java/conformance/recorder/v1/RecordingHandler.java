package conformance.recorder.v1;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.AmazonWebServiceRequest;
import com.amazonaws.Request;
import com.amazonaws.Response;
import com.amazonaws.handlers.RequestHandler2;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSONL record per SDK call (conformance/README.md, "The record"). Registered for every SDK v1 client through
 * com/amazonaws/global/handlers/request.handler2s (read by HandlerChainFactory.getGlobalHandlers in aws-java-sdk-core).
 * afterResponse / afterError run once per call, after the SDK's own retries: one record per call, not per attempt.
 */
public final class RecordingHandler extends RequestHandler2 {
    private static final String FILE = System.getenv("CONFORMANCE_RECORD");
    private static final String WORKER = System.getenv().getOrDefault("CONFORMANCE_WORKER", "");
    private static final Map<String, String> SERVICES = Map.of(
            "AmazonKinesis", "kinesis",
            "AmazonDynamoDBv2", "dynamodb",
            "AmazonCloudWatch", "cloudwatch",
            "AWSSecurityTokenService", "sts");
    private static final String[] TRANSACT_KINDS = {"ConditionCheck", "Put", "Update", "Delete", "Get"};
    private static FileChannel out;

    @Override
    public void afterResponse(Request<?> request, Response<?> response) {
        record(request, "ok");
    }

    @Override
    public void afterError(Request<?> request, Response<?> response, Exception e) {
        String code = e instanceof AmazonServiceException ? ((AmazonServiceException) e).getErrorCode() : null;
        record(request, code == null || code.isEmpty() ? "client-error" : code);
    }

    private static void record(Request<?> request, String outcome) {
        if (FILE == null || FILE.isEmpty()) return;
        AmazonWebServiceRequest original = request.getOriginalRequest();
        String operation = original.getClass().getSimpleName().replaceFirst("Request$", "");
        String service = SERVICES.getOrDefault(request.getServiceName(), request.getServiceName().toLowerCase());
        StringBuilder json = new StringBuilder(256)
                .append("{\"recorder\":\"java-sdk-v1\",\"worker\":").append(str(WORKER))
                .append(",\"service\":").append(str(service))
                .append(",\"operation\":").append(str(operation))
                .append(",\"params\":").append(params(original))
                .append(",\"outcome\":").append(str(outcome))
                .append(",\"t\":").append(System.currentTimeMillis()).append("}\n");
        write(json.toString());
    }

    /** Every String-returning getter of the model class: getStreamName -> StreamName (the model's member name). */
    private static String params(Object original) {
        Map<String, String> values = new TreeMap<>(strings(original));
        StringBuilder json = new StringBuilder("{");
        values.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(str(k)).append(':').append(str(v)));
        String items = transactItems(original);
        if (items != null) json.append(json.length() > 1 ? "," : "").append("\"TransactItems\":").append(items);
        return json.append('}').toString();
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> values = new TreeMap<>();
        for (Method m : o.getClass().getMethods()) {
            Class<?> owner = m.getDeclaringClass();
            if (owner == Object.class || owner == AmazonWebServiceRequest.class) continue;
            if (m.getReturnType() != String.class || m.getParameterCount() != 0) continue;
            if (!m.getName().startsWith("get") || Modifier.isStatic(m.getModifiers())) continue;
            Object v = invoke(o, m);
            if (v != null) values.put(m.getName().substring(3), (String) v);
        }
        return values;
    }

    /** TransactWriteItems / TransactGetItems: the kind and table of each item, by reflection (no DynamoDB dep). */
    private static String transactItems(Object original) {
        Object list;
        try {
            list = invoke(original, original.getClass().getMethod("getTransactItems"));
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (!(list instanceof List)) return null;
        StringBuilder json = new StringBuilder("[");
        for (Object item : (List<?>) list) {
            for (String kind : TRANSACT_KINDS) {
                Object part;
                try {
                    part = invoke(item, item.getClass().getMethod("get" + kind));
                } catch (NoSuchMethodException e) {
                    continue;
                }
                if (part == null) continue;
                String table = strings(part).get("TableName");
                json.append(json.length() > 1 ? "," : "").append("{\"kind\":").append(str(kind))
                        .append(",\"TableName\":").append(table == null ? "null" : str(table)).append('}');
            }
        }
        return json.append(']').toString();
    }

    private static Object invoke(Object o, Method m) {
        try {
            return m.invoke(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static synchronized void write(String line) {
        try {
            if (out == null) {
                out = FileChannel.open(Paths.get(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            // one write of the whole line: O_APPEND keeps lines from several workers intact
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) out.write(buf);
        } catch (IOException e) {
            System.err.println("recorder-v1: cannot write " + FILE + ": " + e);
        }
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
