/**
 * The reproducibility report: one self-contained HTML page, read from the metadata store, that shows every pipeline's
 * and step's verdicts over its latest checks, where each step started to diverge or change, and what differs between
 * checks. Here, beside the store, and not in the command line, so that the engine can write it after every execution.
 */
@NullMarked
package io.reprounit.report;

import org.jspecify.annotations.NullMarked;
