/**
 * Tribuo models and datasets as step outputs, digested by what they compute rather than by their bytes.
 *
 * <p>Only {@link io.reprounit.tribuo.TribuoMaterializer} is public, because {@link java.util.ServiceLoader} needs it to
 * be. It links no Tribuo class until it is handed a Tribuo value, so this package costs nothing to users without Tribuo.
 */
@NullMarked
package io.reprounit.tribuo;

import org.jspecify.annotations.NullMarked;
