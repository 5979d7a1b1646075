/** What the integration tests of several modules share: a real Maven build of a fixture project, a real PostgreSQL. */
@NullMarked
package io.reprounit.testsupport;

import org.jspecify.annotations.NullMarked;
