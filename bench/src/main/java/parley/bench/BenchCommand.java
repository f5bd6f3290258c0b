package parley.bench;

import java.util.concurrent.Callable;
import parley.bench.abuse.AbuseCommand;
import parley.bench.fanout.FanoutCommand;
import parley.bench.idle.IdleCommand;
import parley.bench.load.OneOnOneCommand;
import parley.bench.storm.StormCommand;
import parley.bench.sync.SyncCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code parley bench}: the load tool's scenarios, and the JMH microbenchmarks. Benchmarks report
 * numbers; they pass or fail nothing but their own correctness verdict.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a Parley server (scenarios) or its hot paths (jmh).",
        subcommands = {OneOnOneCommand.class, FanoutCommand.class, IdleCommand.class, StormCommand.class,
                SyncCommand.class, AbuseCommand.class, JmhCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new BenchCommand());
        // JMH's options (-f, -wi, -h, ...) are JMH's: hand them over untouched
        commandLine.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 2;
    }
}
