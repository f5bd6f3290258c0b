package parley.bench.abuse;

/**
 * One HTTP answer to an attacker (or its absence), with what it means for the attack: the node
 * did the work ({@code 2xx}, and other answers after which it had worked or looked, like
 * {@code 401 invalid_credentials}), refused it ({@code 408}, {@code 413}, {@code 429},
 * {@code 503}, {@code 403 quota_exceeded}), or gave no answer ({@code status} 0: a timeout, a refused connect).
 *
 * @param label the status and the protocol's error code ("429 rate_limited"), or why there was no answer
 * @param body  the answer's bytes (empty when none)
 */
record HttpAnswer(int status, String label, byte[] body) {
    enum Kind { ACCEPTED, REFUSED, FAILED }

    static HttpAnswer none(Throwable why) {
        Throwable cause = why;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause.getMessage() != null && cause.getMessage().contains("received no bytes")) {
            return new HttpAnswer(0, "no answer (the node closed the connection)", new byte[0]);
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return new HttpAnswer(0, "no answer (" + cause.getClass().getSimpleName()
                + message.substring(0, Math.min(message.length(), 60)) + ")", new byte[0]);
    }

    boolean ok() {
        return status / 100 == 2;
    }

    Kind kind() {
        if (status == 0) {
            return Kind.FAILED;
        }
        return switch (status) {
            case 408, 413, 429, 503 -> Kind.REFUSED;
            default -> label.endsWith(" quota_exceeded") ? Kind.REFUSED : Kind.ACCEPTED;
        };
    }
}
