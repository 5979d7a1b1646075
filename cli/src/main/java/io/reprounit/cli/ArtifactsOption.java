package io.reprounit.cli;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.RemoteTierException;
import io.reprounit.artifact.s3.S3Settings;
import io.reprounit.store.ArtifactsRemote;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreLocation;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Which artifact store a command reads or cleans: the directory given, else {@code artifacts} beside the database; and
 * the S3 bucket that directory is the cache of, where the tests set {@code reprounit.artifacts.url}.
 */
final class ArtifactsOption {

    static final String ARTIFACTS = "--artifacts";
    static final String ARTIFACTS_URL = "--artifacts-url";
    static final String S3_ENDPOINT = "--s3-endpoint";
    static final String S3_REGION = "--s3-region";
    static final String S3_PATH_STYLE = "--s3-path-style";
    private static final S3Settings.Keys KEYS = new S3Settings.Keys(ARTIFACTS_URL, S3_ENDPOINT, S3_REGION,
            S3_PATH_STYLE);

    @Option(names = ARTIFACTS, paramLabel = "<dir>", description = "The artifact store, where the tests set"
            + " reprounit.artifacts.dir. Default: artifacts beside the database.")
    @Nullable Path artifacts;

    @Option(names = ARTIFACTS_URL, paramLabel = "<s3://bucket/prefix>", description = "The S3 bucket that keeps every"
            + " artifact, where the tests set reprounit.artifacts.url; " + ARTIFACTS + " is then its local cache."
            + " Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
            + " a profile in ~/.aws). Default: none, the directory alone.")
    @Nullable String artifactsUrl;

    @Option(names = S3_ENDPOINT, paramLabel = "<url>", description = "The endpoint of an S3-compatible server, such as"
            + " http://127.0.0.1:9000 (reprounit.artifacts.s3.endpoint). Default: AWS's.")
    @Nullable String s3Endpoint;

    @Option(names = S3_REGION, paramLabel = "<region>", description = "The bucket's region"
            + " (reprounit.artifacts.s3.region). Default: AWS_REGION or the profile's, else us-east-1.")
    @Nullable String s3Region;

    @Option(names = S3_PATH_STYLE, paramLabel = "<true|false>", description = "Address the bucket as"
            + " http://host/bucket (reprounit.artifacts.s3.path-style). Default: true where " + S3_ENDPOINT
            + " is given.")
    @Nullable String s3PathStyle;

    ArtifactStore store(StoreOptions options) {
        ArtifactStore store = new ArtifactStore(artifacts != null ? artifacts
                : StoreLocation.defaultArtifactsDirectory(options.url(), ARTIFACTS));
        return ArtifactsRemote.with(store, remote());
    }

    private @Nullable S3Settings remote() {
        if (artifactsUrl == null) {
            String orphan = s3Endpoint != null ? S3_ENDPOINT : s3Region != null ? S3_REGION
                    : s3PathStyle != null ? S3_PATH_STYLE : null;
            if (orphan != null) {
                throw new StoreException(orphan + " is given without " + ARTIFACTS_URL + ": give " + ARTIFACTS_URL
                        + " s3://<bucket>/<prefix> as the tests set reprounit.artifacts.url, or leave " + orphan
                        + " out.");
            }
            return null;
        }
        try {
            return S3Settings.parse(artifactsUrl, s3Endpoint, s3Region, s3PathStyle, KEYS);
        } catch (RemoteTierException e) {
            throw new StoreException(java.util.Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }
}
