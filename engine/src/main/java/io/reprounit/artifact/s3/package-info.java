/**
 * The artifact store's remote tier in an S3-compatible object store, through the AWS SDK v2: the only package that
 * imports it. {@link io.reprounit.artifact.s3.S3Settings} reads the settings without the SDK, so that an {@code s3://}
 * URL without it on the class path fails with a message naming the dependency to add.
 */
@NullMarked
package io.reprounit.artifact.s3;

import org.jspecify.annotations.NullMarked;
