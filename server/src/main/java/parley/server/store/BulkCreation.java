package parley.server.store;

import java.util.List;

/**
 * The outcome of {@link AccountStore#createAccounts}: either every account was created (with its
 * device, in the order asked) and {@code taken} is empty, or nothing was and {@code taken} names the
 * requested names that already belong to someone (in any case).
 */
public record BulkCreation(List<Created> created, List<String> taken) {

    /** One account and its device. */
    public record Created(User user, Device device) {
    }

    public BulkCreation {
        created = List.copyOf(created);
        taken = List.copyOf(taken);
    }

    public static BulkCreation refused(List<String> taken) {
        return new BulkCreation(List.of(), taken);
    }
}
