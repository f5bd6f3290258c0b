package parley.server.presence;

class InMemoryPresenceTrackerTest extends PresenceTrackerContract {
    @Override
    protected PresenceTracker tracker() {
        return new InMemoryPresenceTracker(WINDOW);
    }
}
