package parley.bench.load;

/** A user the run registered and logged in: its name, id and device token. */
public record BenchUser(String username, long userId, String token) {
    @Override
    public String toString() {
        return "BenchUser[" + username + ", id=" + userId + ", token=<redacted>]";
    }
}
