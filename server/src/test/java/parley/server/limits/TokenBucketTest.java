package parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void allowsABurstThenOnePerRefill() {
        TokenBucket bucket = new TokenBucket(3, 100, 0);

        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(50)).isFalse();
        assertThat(bucket.tryTake(100)).isTrue();
        assertThat(bucket.tryTake(100)).isFalse();
        assertThat(bucket.isFull(400)).isTrue();
    }
}
