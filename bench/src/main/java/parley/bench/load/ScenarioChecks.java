package parley.bench.load;

import java.util.List;

/** Checks of a scenario's numeric options, collected so that every problem is reported at once. */
public final class ScenarioChecks {
    private ScenarioChecks() {
    }

    public static void range(List<String> problems, String name, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(name + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    /** Prints the problems, if any; true when there are none. */
    public static boolean report(List<String> problems) {
        problems.forEach(System.err::println);
        return problems.isEmpty();
    }
}
