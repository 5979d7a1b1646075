package io.reprounit.artifact.s3;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.RemoteTier;
import io.reprounit.artifact.RemoteTierException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where in an S3-compatible object store the artifacts go: {@code s3://bucket/prefix}, with an endpoint, a region and
 * path-style addressing for servers other than AWS's. Read without the AWS SDK; {@link #open} needs it. Credentials are
 * never part of the settings: the SDK's default provider chain finds them (the environment's
 * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, the system properties {@code aws.accessKeyId} and
 * {@code aws.secretAccessKey}, a profile in {@code ~/.aws}), and nothing here records or prints them.
 *
 * @param keys how each setting is named where it was set, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record S3Settings(String bucket, String prefix, @Nullable URI endpoint, @Nullable String region,
        boolean pathStyle, Keys keys) {

    /** The names of the settings, as the user set them: configuration keys, or command-line options. */
    public record Keys(String url, String endpoint, String region, String pathStyle) {}

    /** The options a tier gives to be opened again in another JVM: see {@link RemoteTier#options()}. */
    static final String ENDPOINT = "endpoint";
    static final String REGION = "region";
    static final String PATH_STYLE = "path-style";
    /** The names of the settings, so that messages in another JVM name them as this one does. */
    static final String KEYS = "keys";

    /** The Maven coordinates a user adds where the SDK is missing. */
    static final String DEPENDENCY = "software.amazon.awssdk:s3 and software.amazon.awssdk:apache5-client (version"
            + " 2.57.8 or later, such as through the BOM software.amazon.awssdk:bom)";

    public S3Settings {
        requireNonNull(bucket);
        requireNonNull(prefix);
        requireNonNull(keys);
    }

    /** Whether {@code url} names an S3 bucket rather than a directory. */
    public static boolean isS3(String url) {
        return url.strip().regionMatches(true, 0, "s3://", 0, 5);
    }

    /**
     * Reads the settings, each of which may be absent but the URL.
     *
     * @throws RemoteTierException naming the setting that is wrong and what to do
     */
    public static S3Settings parse(String url, @Nullable String endpoint, @Nullable String region,
            @Nullable String pathStyle, Keys keys) {
        String value = url.strip();
        if (!isS3(value)) {
            throw new RemoteTierException(keys.url() + " = '" + url + "' is not an s3:// URL; set it to"
                    + " s3://<bucket>/<prefix>, or remove it to keep artifacts in a directory only.");
        }
        String rest = value.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", "");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new RemoteTierException(keys.url() + " = '" + url + "' does not name a bucket: '" + bucket + "' is"
                    + " not a bucket name (3 to 63 lowercase letters, digits, dots and hyphens); set it to"
                    + " s3://<bucket>/<prefix>.");
        }
        if (prefix.contains("//") || prefix.contains("\\")) {
            throw new RemoteTierException(keys.url() + " = '" + url + "' has an empty part or a backslash in its"
                    + " prefix '" + prefix + "'; write it as s3://<bucket>/<part>/<part>.");
        }
        URI endpointUri = null;
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                endpointUri = new URI(endpoint.strip());
            } catch (URISyntaxException e) {
                endpointUri = null;
            }
            if (endpointUri == null || endpointUri.getHost() == null || endpointUri.getScheme() == null
                    || !(endpointUri.getScheme().equals("http") || endpointUri.getScheme().equals("https"))) {
                throw new RemoteTierException(keys.endpoint() + " = '" + endpoint + "' is not an http:// or"
                        + " https:// URL with a host, such as http://127.0.0.1:9000; correct it, or remove it to use"
                        + " AWS's own endpoint for the region.");
            }
        }
        String regionValue = region == null || region.isBlank() ? null : region.strip();
        if (regionValue != null && !regionValue.matches("[a-z0-9-]+")) {
            throw new RemoteTierException(keys.region() + " = '" + region + "' is not a region name such as"
                    + " us-east-1 or eu-west-3.");
        }
        boolean path;
        if (pathStyle == null || pathStyle.isBlank()) {
            path = endpointUri != null; // servers other than AWS's mostly serve buckets at paths, not host names
        } else if (pathStyle.strip().equalsIgnoreCase("true") || pathStyle.strip().equalsIgnoreCase("false")) {
            path = Boolean.parseBoolean(pathStyle.strip().toLowerCase(Locale.ROOT));
        } else {
            throw new RemoteTierException(keys.pathStyle() + " = '" + pathStyle + "' is neither true nor false; set"
                    + " it to true where the server serves buckets at http://host/bucket (most S3-compatible servers),"
                    + " false for http://bucket.host, or remove it: true where an endpoint is set, false otherwise.");
        }
        return new S3Settings(bucket, prefix, endpointUri, regionValue, path, keys);
    }

    /** The settings a tier gave with {@link RemoteTier#url()} and {@link RemoteTier#options()}. */
    public static S3Settings of(String url, Map<String, String> options) {
        String[] names = options.getOrDefault(KEYS, "url,endpoint,region,path-style").split(",", -1);
        Keys keys = names.length == 4 ? new Keys(names[0], names[1], names[2], names[3])
                : new Keys("url", "endpoint", "region", "path-style");
        return parse(url, options.get(ENDPOINT), options.get(REGION), options.get(PATH_STYLE), keys);
    }

    /** {@code s3://bucket/prefix}, or {@code s3://bucket} without one. */
    public String url() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        if (endpoint != null) {
            options.put(ENDPOINT, endpoint.toString());
        }
        if (region != null) {
            options.put(REGION, region);
        }
        options.put(PATH_STYLE, Boolean.toString(pathStyle));
        options.put(KEYS, String.join(",", keys.url(), keys.endpoint(), keys.region(), keys.pathStyle()));
        return options;
    }

    /**
     * Connects to the bucket and checks that it is there and the credentials are accepted.
     *
     * @throws RemoteTierException naming the setting, or the credentials, that are wrong; or the dependency to add
     *                             where the AWS SDK is not on the class path
     */
    public RemoteTier open() {
        try {
            Class.forName("software.amazon.awssdk.services.s3.S3Client", false, S3Settings.class.getClassLoader());
            Class.forName("software.amazon.awssdk.http.apache5.Apache5HttpClient", false,
                    S3Settings.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new RemoteTierException(keys.url() + " = " + url() + " keeps artifacts in S3, which needs the AWS"
                    + " SDK on the class path: add " + DEPENDENCY + " to the test dependencies (the command-line jar"
                    + " and the Maven plugin carry it).", e);
        }
        return S3Tier.open(this);
    }
}
