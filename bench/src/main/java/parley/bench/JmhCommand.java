package parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code parley bench jmh [JMH options]}: runs the JMH microbenchmarks of this module (the frame
 * codec, the store's append path) with JMH's own command line, e.g.
 * {@code parley bench jmh -f 1 -wi 3 -i 5 -w 2s -r 2s FrameCodec}; {@code -l} lists them, {@code -h}
 * shows JMH's options. Every argument goes to JMH untouched (see {@link BenchCommand#main}).
 */
@Command(name = "jmh", description = "Run the JMH microbenchmarks; the arguments are JMH's (-l lists them, -h for help).")
public final class JmhCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "JMH-ARGS", description = "passed to org.openjdk.jmh.Main")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return 0;
    }
}
