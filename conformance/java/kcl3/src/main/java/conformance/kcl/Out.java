package conformance.kcl;

/** The stdout protocol (conformance/README.md): one line per event, flushed at once. Logs go to stderr. */
final class Out {
    private Out() {}

    static synchronized void line(String s) {
        System.out.println(s);
        System.out.flush();
    }
}
