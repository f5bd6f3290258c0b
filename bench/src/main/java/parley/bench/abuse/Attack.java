package parley.bench.abuse;

/**
 * One way of abusing a node, run for one attack phase. {@link #run} works until its
 * {@link AttackControl} says stop (deadline, budget, or the run stopping it) and counts every
 * answer into the {@link Tally}; what it holds at the end (sockets, sessions) it keeps until
 * {@link #release}, so that the node's memory can be read while the attack's weight is still on it.
 */
interface Attack {
    /** Attacks until told to stop; called once, on a thread of its own. */
    void run(AttackControl control, Tally tally) throws Exception;

    /** Lets go of everything the attack still holds; bounded in time. */
    default void release(Tally tally) {
    }
}
