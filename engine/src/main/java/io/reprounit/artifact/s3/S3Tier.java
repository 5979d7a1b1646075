package io.reprounit.artifact.s3;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.RemoteTier;
import io.reprounit.artifact.RemoteTierException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 bucket (AWS's, or an S3-compatible server's) as the artifact store's remote tier. Objects are named
 * {@code <prefix>/sha256/ab/cdef…[.zst]} and hold the bytes of the store's file. An upload sends a file of up to
 * {@link #MULTIPART_ABOVE} bytes in one PUT, a larger one in parts of {@link #PART} bytes, {@link #IN_FLIGHT} at a time;
 * the server refuses what arrived damaged: over plain HTTP by the payload's SHA-256 that the SDK signs, over HTTPS by
 * the Content-MD5 each request carries. Downloads are verified against the artifact's digest by the store. Flexible
 * checksums (the SDK's default CRC32 trailers) are off: several S3-compatible servers refuse them.
 */
final class S3Tier implements RemoteTier {

    static final long MULTIPART_ABOVE = 16L * 1024 * 1024;
    static final int PART = 8 * 1024 * 1024;
    static final int IN_FLIGHT = 4;
    private static final String DEFAULT_REGION = "us-east-1";
    private static final ExecutorService PARTS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "reprounit-s3-part");
        thread.setDaemon(true);
        return thread;
    });

    private final S3Settings settings;
    private final S3Client s3;
    /** Over plain HTTP the SDK signs each request's payload: the bytes are covered without an MD5 of them. */
    private final boolean signedPayload;

    private S3Tier(S3Settings settings, S3Client s3) {
        this.settings = requireNonNull(settings);
        this.s3 = requireNonNull(s3);
        this.signedPayload = settings.endpoint() != null && "http".equalsIgnoreCase(settings.endpoint().getScheme());
    }

    /** Connects, and checks the bucket with a HEAD: a wrong setting fails here, naming it, rather than at each upload. */
    static S3Tier open(S3Settings settings) {
        return open(settings, List.of());
    }

    /** As {@link #open(S3Settings)}, with interceptors that see every request: for tests that count them. */
    static S3Tier open(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region(settings)))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(4 * IN_FLIGHT))
                .overrideConfiguration(c -> interceptors.forEach(c::addExecutionInterceptor));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        S3Client s3;
        try {
            s3 = builder.build();
        } catch (SdkException e) {
            throw new RemoteTierException("Cannot set up the S3 client for " + settings.keys().url() + " = "
                    + settings.url() + ": " + e.getMessage(), e);
        }
        S3Tier tier = new S3Tier(settings, s3);
        tier.checkBucket();
        return tier;
    }

    /** The region set; else the SDK's own settings (aws.region, AWS_REGION, the profile's); else us-east-1. */
    private static String region(S3Settings settings) {
        if (settings.region() != null) {
            return settings.region();
        }
        try {
            // Not the SDK's whole default chain: its last link asks the EC2 instance metadata service over the network.
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                    .getRegion().id();
        } catch (SdkClientException e) {
            return DEFAULT_REGION;
        }
    }

    private void checkBucket() {
        String where = settings.endpoint() != null ? "the S3 server at " + settings.endpoint() + " ("
                + settings.keys().endpoint() + ")" : "AWS S3";
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new RemoteTierException("The bucket '" + settings.bucket() + "' of " + settings.keys().url()
                        + " = " + settings.url() + " does not exist on " + where + "; create it, or correct the URL.",
                        e);
            }
            if (e.statusCode() == 403 || e.statusCode() == 401) {
                throw new RemoteTierException(where + " refuses the credentials that the AWS SDK found for the bucket"
                        + " '" + settings.bucket() + "' of " + settings.keys().url() + " = " + settings.url() + " (HTTP "
                        + e.statusCode() + "). Give credentials allowed to read and write it: the environment's"
                        + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the system properties aws.accessKeyId and"
                        + " aws.secretAccessKey, or a profile in ~/.aws (AWS_PROFILE).", e);
            }
            throw new RemoteTierException(where + " answered HTTP " + e.statusCode() + " for the bucket '"
                    + settings.bucket() + "' of " + settings.keys().url() + " = " + settings.url() + ": "
                    + e.getMessage(), e);
        } catch (SdkClientException e) {
            if (causedBy(e, ConnectException.class) || causedBy(e, UnknownHostException.class)) {
                throw new RemoteTierException("Cannot reach " + where + " for " + settings.keys().url() + " = "
                        + settings.url() + ": " + e.getMessage() + ". Check " + settings.keys().endpoint()
                        + " and that the server is running.", e);
            }
            if (e.getMessage() != null && e.getMessage().contains("credentials")) {
                throw new RemoteTierException("No AWS credentials for " + settings.keys().url() + " = "
                        + settings.url() + ": set the environment's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the"
                        + " system properties aws.accessKeyId and aws.secretAccessKey, or a profile in ~/.aws"
                        + " (AWS_PROFILE). " + e.getMessage(), e);
            }
            throw new RemoteTierException("Cannot reach the bucket '" + settings.bucket() + "' of "
                    + settings.keys().url() + " = " + settings.url() + " on " + where + ": " + e.getMessage(), e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private String key(String location) {
        return settings.prefix().isEmpty() ? location : settings.prefix() + "/" + location;
    }

    @Override
    public String name() {
        return settings.url();
    }

    @Override
    public String url() {
        return settings.url();
    }

    @Override
    public Map<String, String> options() {
        return settings.options();
    }

    @Override
    public Optional<RemoteObject> head(String location) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(settings.bucket()).key(key(location)));
            return Optional.of(new RemoteObject(location, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("look up", location, e);
        } catch (SdkException e) {
            throw failure("look up", location, e);
        }
    }

    @Override
    public void upload(String location, Path file) throws IOException {
        long size = Files.size(file);
        try {
            if (size <= MULTIPART_ABOVE) {
                byte[] bytes = Files.readAllBytes(file);
                s3.putObject(b -> b.bucket(settings.bucket()).key(key(location)).contentLength((long) bytes.length)
                        .contentMD5(md5(bytes, bytes.length, signedPayload)), body(bytes, bytes.length));
            } else {
                uploadInParts(location, file, size);
            }
        } catch (SdkException e) {
            throw failure("upload", location, e);
        }
    }

    /**
     * A multipart upload, {@link #IN_FLIGHT} parts at a time, each read from the file by the thread that sends it. Where
     * it fails, no further part is sent, and it is aborted once every part on its way has arrived or failed: a part
     * that arrived after the abort would be kept by the server, unseen and paid for (S3 says to abort again for it).
     */
    private void uploadInParts(String location, Path file, long size) throws IOException {
        String key = key(location);
        String id = s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key)).uploadId();
        boolean completed = false;
        AtomicBoolean failed = new AtomicBoolean();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<@Nullable CompletedPart>> parts = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int count = (int) ((size + PART - 1) / PART);
            for (int i = 0; i < count && !failed.get(); i++) {
                int number = i + 1;
                long offset = (long) i * PART;
                int length = (int) Math.min(PART, size - offset);
                slots.acquire();
                try {
                    parts.add(PARTS.submit(() -> {
                        try {
                            return failed.get() ? null : uploadPart(channel, file, key, id, number, offset, length);
                        } catch (IOException | RuntimeException e) {
                            failed.set(true);
                            throw e;
                        } finally {
                            slots.release();
                        }
                    }));
                } catch (RuntimeException e) {
                    slots.release();
                    throw e;
                }
            }
            List<CompletedPart> done = new ArrayList<>();
            for (Future<@Nullable CompletedPart> part : parts) {
                CompletedPart sent = part.get(); // null where not sent, since another failed: its get() throws
                if (sent != null) {
                    done.add(sent);
                }
            }
            done.sort(Comparator.comparing(CompletedPart::partNumber));
            s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(id)
                    .multipartUpload(m -> m.parts(done)));
            completed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while uploading " + name() + "/" + location, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof SdkException sdk) {
                throw failure("upload", location, sdk);
            }
            throw new IOException("Cannot upload " + name() + "/" + location + ": " + cause, cause);
        } finally {
            if (!completed) {
                failed.set(true);
                awaitEnd(parts);
                try {
                    s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(id));
                } catch (SdkException e) {
                    // the server drops abandoned parts by its own rules; the failure above is what the caller hears
                }
            }
        }
    }

    private CompletedPart uploadPart(FileChannel channel, Path file, String key, String id, int number, long offset,
            int length) throws IOException {
        byte[] bytes = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException(file + " ended before its part " + number);
            }
        }
        String etag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(key).uploadId(id).partNumber(number)
                .contentLength((long) length).contentMD5(md5(bytes, length, signedPayload)), body(bytes, length))
                .eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** Waits until every part has been sent or has failed; those not started by then are not sent at all. */
    private static void awaitEnd(List<Future<@Nullable CompletedPart>> parts) {
        boolean interrupted = false;
        for (Future<@Nullable CompletedPart> part : parts) {
            while (true) {
                try {
                    part.get();
                    break;
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    break; // its failure, if it is the first, is what the caller hears
                } catch (InterruptedException e) {
                    interrupted = true; // a part is on its way still: it must arrive before the abort
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }

    /**
     * The Content-MD5 of a request's bytes; none where the payload is signed, as over plain HTTP, where the SDK signs
     * the SHA-256 of the bytes and the server refuses a request whose bytes do not match it.
     */
    private static @Nullable String md5(byte[] bytes, int length, boolean signedPayload) {
        return signedPayload ? null : md5(bytes, length);
    }

    private static String md5(byte[] bytes, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(bytes, 0, length);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }

    @Override
    public boolean download(String location, Path target) throws IOException {
        return ifPresent("download", location, () -> {
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(settings.bucket())
                    .key(key(location)))) {
                copy(in, target);
            }
        });
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public boolean refresh(String location) throws IOException {
        String key = key(location);
        // A copy onto itself that replaces the metadata: the server writes it anew, with a new time.
        return ifPresent("refresh", location, () -> s3.copyObject(b -> b.sourceBucket(settings.bucket())
                .sourceKey(key).destinationBucket(settings.bucket()).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE)));
    }

    @FunctionalInterface
    private interface ObjectWork {
        void run() throws IOException;
    }

    /** Does {@code work} on an object; false where the bucket has no such object, a failure naming {@code what} else. */
    private boolean ifPresent(String what, String location, ObjectWork work) throws IOException {
        try {
            work.run();
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure(what, location, e);
        } catch (SdkException e) {
            throw failure(what, location, e);
        }
    }

    @Override
    public List<RemoteObject> list() throws IOException {
        String base = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
        List<RemoteObject> objects = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(base + "sha256/"))
                    .contents()) {
                objects.add(new RemoteObject(object.key().substring(base.length()), object.size(),
                        object.lastModified()));
            }
        } catch (SdkException e) {
            throw failure("list", "sha256/", e);
        }
        return objects;
    }

    @Override
    public void delete(Collection<String> locations) throws IOException {
        for (String location : locations) {
            try {
                // One request each: DeleteObjects needs a checksum header that not every S3-compatible server takes.
                s3.deleteObject(b -> b.bucket(settings.bucket()).key(key(location)));
            } catch (NoSuchKeyException e) {
                // gone already
            } catch (SdkException e) {
                throw failure("delete", location, e);
            }
        }
    }

    private IOException failure(String what, String location, SdkException e) {
        @Nullable String message = e.getMessage();
        return new IOException("Cannot " + what + " " + name() + "/" + location + ": " + message, e);
    }
}
