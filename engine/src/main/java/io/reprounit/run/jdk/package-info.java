/**
 * What changes the JDK a forked run sees, for the variations that reorder what the JDK leaves unspecified: the patch
 * of {@code java.base} and the agent that applies it, the helper copied into {@code java.base}, and the file system
 * provider that orders directory listings. The run package uses it; it uses nothing of that package.
 */
@NullMarked
package io.reprounit.run.jdk;

import org.jspecify.annotations.NullMarked;
