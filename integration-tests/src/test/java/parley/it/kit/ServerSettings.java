package parley.it.kit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings of the server an {@link EmbeddedServerTest} class runs against, as {@code key=value}
 * (keys as in docs/operations.md): for a test that legitimately needs more than a default allows,
 * e.g. a thousand registrations from 127.0.0.1, which in real life come from a thousand addresses.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServerSettings {
    String[] value();
}
