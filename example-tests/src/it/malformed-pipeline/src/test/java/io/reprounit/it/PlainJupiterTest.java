package io.reprounit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A Jupiter test in the same module: it must run although a pipeline beside it is malformed. */
class PlainJupiterTest {

    @Test
    void runs() {
        assertEquals(4, 2 + 2);
    }
}
