package io.reprounit.store;

import static io.reprounit.store.StoreFixtures.check;
import static io.reprounit.store.StoreFixtures.run;
import static io.reprounit.store.StoreFixtures.verdicts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactCondition;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.CorruptedArtifactException;
import io.reprounit.artifact.Digests;
import io.reprounit.artifact.s3.TestS3;
import io.reprounit.compare.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What only the S3 tier does, against a real S3-compatible server: two "machines" are two stores, each with a directory
 * of its own, over one bucket prefix. Requests are counted by an interceptor of the SDK's, as the server sees them.
 */
class S3ArtifactStoreTest {

    @TempDir
    Path directory;

    String prefix;
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void prefix() {
        prefix = "machines-" + UUID.randomUUID();
    }

    /** A store over its own directory, as a machine of the team has, counting its requests into {@link #requests}. */
    ArtifactStore machine(String name) {
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.computeIfAbsent(context.request().getClass().getSimpleName().replace("Request", ""),
                        k -> new AtomicInteger()).incrementAndGet();
            }
        };
        return new ArtifactStore(directory.resolve(name)).withRemote(TestS3.tier(prefix, List.of(counting)));
    }

    int count(String request) {
        AtomicInteger n = requests.get(request);
        return n == null ? 0 : n.get();
    }

    @Test
    void anArtifactAlreadyInTheBucketIsNotUploadedAgain() {
        Artifact artifact = StoreFixtures.text("weights 0.25 0.75");
        ArtifactStore first = machine("first");
        first.put(artifact);
        assertThat(count("PutObject")).isEqualTo(1);

        requests.clear();
        first.put(artifact);
        assertThat(requests).as("kept again by the same store: it knows the bucket has it").isEmpty();

        requests.clear();
        ArtifactStore second = machine("second");
        requests.clear(); // the HEAD of the bucket on opening
        second.put(artifact);
        assertThat(count("HeadObject")).isEqualTo(1);
        assertThat(count("PutObject") + count("UploadPart")).as("uploads by another machine").isZero();
        assertThat(TestS3.server().objectCount(TestS3.BUCKET, prefix + "/")).isEqualTo(1);
    }

    @Test
    void aLargeArtifactGoesUpInPartsAndAnotherMachineReadsItBack() throws Exception {
        byte[] bytes = StreamedUploadTest.randomDoubles(40 << 20); // incompressible: stored raw, 40 MB
        String digest = Digests.sha256(bytes);
        ArtifactStore first = machine("first");
        Artifact.Kept kept;
        try (ArtifactStore.Upload upload = first.upload()) {
            for (int offset = 0; offset < bytes.length; offset += 1 << 20) {
                upload.write(bytes, offset, Math.min(1 << 20, bytes.length - offset));
            }
            kept = upload.finish(digest, bytes.length);
        }
        assertThat(kept.location()).isNotNull().doesNotEndWith(".zst");
        assertThat(count("CreateMultipartUpload")).isEqualTo(1);
        assertThat(count("UploadPart")).isEqualTo(5); // 8 MB parts
        assertThat(count("CompleteMultipartUpload")).isEqualTo(1);
        assertThat(count("PutObject")).isZero();

        ArtifactStore second = machine("second");
        assertThat(second.read(digest)).hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
        assertThat(directory.resolve("second").resolve(kept.location())).as("now in its cache").exists();
        requests.clear();
        assertThat(second.read(digest)).isPresent();
        assertThat(requests).as("read from the cache").isEmpty();
    }

    @Test
    void overPlainHttpEveryUploadSignsItsPayloadInsteadOfCarryingAnMd5() {
        List<String> payloads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutionInterceptor headers = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String request = context.request().getClass().getSimpleName();
                if (request.startsWith("PutObject") || request.startsWith("UploadPart")) {
                    payloads.add(context.httpRequest().firstMatchingHeader("x-amz-content-sha256").orElse("none")
                            + (context.httpRequest().firstMatchingHeader("Content-MD5").isPresent() ? " md5" : ""));
                }
            }
        };
        ArtifactStore store = new ArtifactStore(directory.resolve("signed"))
                .withRemote(TestS3.tier(prefix, List.of(headers)));
        store.put(StoreFixtures.text("weights 0.5 0.5"));

        // the server checks the bytes against the signed SHA-256, as it would against an MD5
        assertThat(payloads).singleElement().asString().matches("[0-9a-f]{64}|STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    }

    @Test
    void aFreshMachineReadsThroughAndFindsWhatTheFirstKept() {
        Artifact artifact = StoreFixtures.text("rows 1 2 3");
        machine("first").put(artifact);
        ArtifactStore second = machine("second");

        assertThat(second.contains(artifact.digest())).isTrue();
        assertThat(second.condition(artifact.digest()).isIntact()).isTrue();
        assertThat(second.read(artifact.digest())).hasValue(artifact.bytes());
        assertThat(machine("third").read(StoreFixtures.text("never kept").digest())).isEmpty();
    }

    @Test
    void anObjectDamagedOnTheServerIsDetectedRemovedAndUploadedAgainByTheNextKeep() throws Exception {
        Artifact artifact = StoreFixtures.text("0123456789");
        String location = machine("first").put(artifact).orElseThrow();
        Path object = TestS3.server().objectFile(TestS3.BUCKET, prefix + "/" + location);
        Files.writeString(object, "0123456780");

        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> machine("second").read(artifact.digest()))
                    .isInstanceOf(CorruptedArtifactException.class)
                    .hasMessageContaining("s3://" + TestS3.BUCKET + "/" + prefix + "/" + location)
                    .hasMessageContaining(artifact.digest());
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("was damaged").contains("removed from there");
        assertThat(directory.resolve("second").resolve(location)).as("never cached").doesNotExist();
        assertThat(object).as("removed from the bucket").doesNotExist();

        machine("third").put(artifact);
        ArtifactCondition condition = machine("fourth").condition(artifact.digest());
        assertThat(condition.isIntact()).isTrue();
    }

    @Test
    void aDamagedObjectIsReportedByCondition() throws Exception {
        Artifact artifact = StoreFixtures.text("abcdefgh");
        String location = machine("first").put(artifact).orElseThrow();
        Files.writeString(TestS3.server().objectFile(TestS3.BUCKET, prefix + "/" + location), "abcdefgX");

        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ArtifactCondition condition;
        try {
            condition = machine("second").condition(artifact.digest());
        } finally {
            System.setErr(err);
        }

        assertThat(condition.state()).isEqualTo(ArtifactCondition.State.DAMAGED);
        assertThat(condition.damage()).contains("s3://" + TestS3.BUCKET + "/" + prefix + "/" + location);
    }

    @Test
    void gcOnAnotherMachineDeletesOnlyUnreferencedObjects() {
        ArtifactStore first = machine("first");
        Artifact referenced = StoreFixtures.text("referenced output");
        Artifact orphan = StoreFixtures.text("orphan output");
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            check(store, first, "Gc", List.of(run(1, "c1", List.of(referenced))), verdicts(Verdict.REPRODUCED));
            first.put(orphan);
            assertThat(TestS3.server().objectCount(TestS3.BUCKET, prefix + "/")).isEqualTo(2);

            ArtifactStore second = machine("second"); // its directory holds nothing: only the bucket has the objects
            GarbageCollection young = store.collectGarbage(second, null, Duration.ofHours(1));
            assertThat(young.artifactsRemoved()).isEmpty();
            assertThat(young.artifactsSpared()).isEqualTo(1);

            GarbageCollection collected = store.collectGarbage(second, null, Duration.ZERO);
            assertThat(collected.artifactsRemoved()).containsExactly(orphan.digest());
        }
        assertThat(TestS3.server().objectCount(TestS3.BUCKET, prefix + "/")).isEqualTo(1);
        assertThat(machine("third").read(referenced.digest())).hasValue(referenced.bytes());
        assertThat(machine("fourth").read(orphan.digest())).isEmpty();
    }
}
