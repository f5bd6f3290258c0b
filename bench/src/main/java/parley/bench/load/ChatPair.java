package parley.bench.load;

import java.util.List;

/** A one-on-one chat between two provisioned users. */
public record ChatPair(long chatId, BenchUser first, BenchUser second) {

    public List<BenchUser> members() {
        return List.of(first, second);
    }
}
