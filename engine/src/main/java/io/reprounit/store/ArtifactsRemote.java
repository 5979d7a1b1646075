package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.RemoteTier;
import io.reprounit.artifact.RemoteTierException;
import io.reprounit.artifact.s3.S3Settings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The artifact store's remote tier, from {@link StoreSettings#ARTIFACTS_URL_KEY} and its S3 settings: read with the
 * other settings, opened once per JVM and bucket (a client and a HEAD of the bucket), and put under the store.
 */
@API(status = INTERNAL, since = "0.1")
public final class ArtifactsRemote {

    /** How the settings are named where they come from the configuration. */
    public static final S3Settings.Keys KEYS = new S3Settings.Keys(StoreSettings.ARTIFACTS_URL_KEY,
            StoreSettings.ARTIFACTS_S3_ENDPOINT_KEY, StoreSettings.ARTIFACTS_S3_REGION_KEY,
            StoreSettings.ARTIFACTS_S3_PATH_STYLE_KEY);

    /** Opened tiers, by their settings: every check of a run, and every fork's, shares one client. */
    private static final Map<S3Settings, RemoteTier> OPEN = new ConcurrentHashMap<>();

    private ArtifactsRemote() {}

    /**
     * The S3 settings among {@code parameters}; null where no remote tier is set.
     *
     * @throws RemoteTierException naming the setting that is wrong
     */
    static @Nullable S3Settings read(Function<String, Optional<String>> parameters) {
        Optional<String> url = parameters.apply(StoreSettings.ARTIFACTS_URL_KEY);
        String endpoint = parameters.apply(StoreSettings.ARTIFACTS_S3_ENDPOINT_KEY).orElse(null);
        String region = parameters.apply(StoreSettings.ARTIFACTS_S3_REGION_KEY).orElse(null);
        String pathStyle = parameters.apply(StoreSettings.ARTIFACTS_S3_PATH_STYLE_KEY).orElse(null);
        if (url.isEmpty()) {
            String orphan = endpoint != null ? StoreSettings.ARTIFACTS_S3_ENDPOINT_KEY
                    : region != null ? StoreSettings.ARTIFACTS_S3_REGION_KEY
                    : pathStyle != null ? StoreSettings.ARTIFACTS_S3_PATH_STYLE_KEY : null;
            if (orphan != null) {
                throw new RemoteTierException("Configuration parameter " + orphan + " is set, but "
                        + StoreSettings.ARTIFACTS_URL_KEY + " is not: set it to s3://<bucket>/<prefix> to keep"
                        + " artifacts in S3, or remove " + orphan + ".");
            }
            return null;
        }
        if (url.get().isBlank()) {
            throw new RemoteTierException("Configuration parameter " + StoreSettings.ARTIFACTS_URL_KEY + " is empty;"
                    + " set it to s3://<bucket>/<prefix>, or remove it to keep artifacts in a directory only.");
        }
        return S3Settings.parse(url.get(), endpoint, region, pathStyle, KEYS);
    }

    /**
     * {@code store}, keeping every artifact in the bucket that {@code settings} name as well; {@code store} itself where
     * they are null.
     *
     * @throws StoreException naming the setting, where the bucket cannot be used
     */
    public static ArtifactStore with(ArtifactStore store, @Nullable S3Settings settings) {
        if (settings == null) {
            return store;
        }
        try {
            return store.withRemote(OPEN.computeIfAbsent(settings, S3Settings::open));
        } catch (RemoteTierException e) {
            throw new StoreException(java.util.Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
        }
    }
}
