package io.reprounit.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Overrides given as settings named {@code <prefix><pipeline>.<step>.<key>}, every one of them known. */
final class SettingOverrides implements ParamOverrides {

    private final String prefix;
    private final Map<String, String> settings;

    SettingOverrides(String prefix, Map<String, String> settings) {
        this.prefix = requireNonNull(prefix);
        this.settings = new TreeMap<>(settings);
    }

    @java.lang.Override
    public Optional<Override> find(String pipeline, String step, String key) {
        String setting = prefix + pipeline + "." + step + "." + key;
        return Optional.ofNullable(settings.get(setting)).map(yaml -> new Override(setting, yaml));
    }

    @java.lang.Override
    public Map<String, Override> forPipeline(String pipeline) {
        String start = prefix + pipeline + ".";
        Map<String, Override> found = new TreeMap<>();
        settings.forEach((setting, yaml) -> {
            if (setting.startsWith(start)) {
                found.put(setting.substring(start.length()), new Override(setting, yaml));
            }
        });
        return found;
    }
}
