/**
 * The git state of a working tree — commit, branch, uncommitted changes — behind one interface, {@link GitStatus}.
 * JGit's status is the reference; a hand-written reader of git's index answers without JGit in the states a developer's
 * loop is in most, where a cold JGit would cost a fresh JVM half a second, and only where a differential test shows it
 * agrees with JGit ({@code GitIndexDifferentialTest}); everywhere else it declines and JGit answers.
 */
@NullMarked
package io.reprounit.fingerprint.git;

import org.jspecify.annotations.NullMarked;
