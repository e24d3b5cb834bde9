package dev.fetchcors.benchmarks;

/**
 * What a filter did with a request, checked once before measuring, so that a benchmark cannot quietly measure a
 * path other than the one it names (a refused request where an allowed one was meant, say).
 *
 * @param status the response status
 * @param allowOrigin the {@code Access-Control-Allow-Origin} written, or {@code null}
 * @param passedOn whether the request reached the application
 */
record Outcome(int status, String allowOrigin, boolean passedOn) {

    /**
     * Fails unless the filter treated the request as the scenario says. The hostile preflights are exempt: there
     * Spring and this library disagree by design (Spring reads the whole list), which is what they measure.
     */
    static void check(Scenario scenario, String filter, Outcome outcome) {
        if (scenario == Scenario.PREFLIGHT_1024_COMMAS || scenario == Scenario.PREFLIGHT_1000_NAMES) {
            return;
        }
        boolean allowed = scenario.allowed() && scenario != Scenario.NO_ORIGIN;
        boolean ok = (outcome.allowOrigin() != null) == allowed && outcome.passedOn() == !scenario.answered()
                && (!scenario.answered() || outcome.status() == (allowed ? okStatus(filter) : 403));
        if (!ok) {
            throw new IllegalStateException(filter + " does not take the path " + scenario + " names: " + outcome);
        }
    }

    private static int okStatus(String filter) {
        // Spring answers preflights with 200, this library with 204.
        return filter.startsWith("Fetch") ? 204 : 200;
    }

}
