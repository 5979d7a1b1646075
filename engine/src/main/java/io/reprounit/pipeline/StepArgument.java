package io.reprounit.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** What a step receives for one of its parameters. */
@API(status = INTERNAL, since = "0.1")
public sealed interface StepArgument {

    /** A short label for messages and fingerprints, such as {@code @Input("load")}. */
    String label();

    /** The output of an upstream step. */
    record Upstream(String step) implements StepArgument {
        @Override
        public String label() {
            return "@Input(\"" + step + "\")";
        }
    }

    /** A configuration value, converted to the parameter's type when the step runs. */
    record Configured(String key, ConfigValue source, java.lang.reflect.Type type) implements StepArgument {

        /** The value converted to the parameter's type; checked at discovery, so it does not fail here. */
        public Object value() {
            return ParamConverter.convert(source.node(), type);
        }

        @Override
        public String label() {
            return "@Param(\"" + key + "\")";
        }
    }

    /** A {@link java.util.Random} seeded from the pipeline's seed and the step's name. */
    record SeededRandom(long seed) implements StepArgument {
        @Override
        public String label() {
            return "Random";
        }
    }
}
