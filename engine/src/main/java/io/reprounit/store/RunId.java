package io.reprounit.store;

/**
 * A run as a person names it: {@code 17.2} is run 2 of check 17, and {@code 17} alone means that check's first run, so
 * that an id copied from {@code runs} works with {@code show} and {@code diff}.
 */
record RunId(long check, int number) {

    static RunId parse(String text) {
        String[] parts = text.strip().split("\\.", -1);
        try {
            if (parts.length == 1) {
                return new RunId(Long.parseLong(parts[0]), 1);
            }
            if (parts.length == 2) {
                return new RunId(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below, with what a run id looks like
        }
        throw new StoreException("'" + text + "' is not a run id. A run id is <check>.<run>, such as 17.2, or a check"
                + " id such as 17 for its first run; the `runs` command lists them.");
    }

    @Override
    public String toString() {
        return check + "." + number;
    }
}
