/**
 * The metadata store: every check, run, step execution, artifact, fingerprint part and verdict, kept over JDBC (SQLite
 * by default) so that, months later, one can ask when a step stopped reproducing and what changed at that moment.
 */
@NullMarked
package io.reprounit.store;

import org.jspecify.annotations.NullMarked;
