package io.reprounit.artifact.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * A multipart upload that fails midway is aborted once no part of it is on the way any more, against the real
 * S3-compatible server: a part that arrived after the abort would be kept by the server, unseen and paid for.
 */
class S3MultipartAbortTest {

    @TempDir
    Path directory;

    @Test
    void aMultipartUploadThatFailsMidwayLeavesNoPartBehind() throws Exception {
        String prefix = "abort-" + UUID.randomUUID();
        List<Integer> sent = new CopyOnWriteArrayList<>();
        ExecutionInterceptor failing = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest part) {
                    if (part.partNumber() == 2) {
                        throw new IllegalStateException("the network went down under part 2");
                    }
                    sent.add(part.partNumber());
                }
            }

            /** Parts after the failed one reach the server, then slow down: still on their way at the failure. */
            @Override
            public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
                    ExecutionAttributes attributes) {
                Optional<RequestBody> body = context.requestBody();
                if (!(context.request() instanceof UploadPartRequest part) || part.partNumber() < 3 || body.isEmpty()) {
                    return body;
                }
                RequestBody original = body.get();
                return Optional.of(RequestBody.fromContentProvider(
                        () -> new SlowOnTheWire(original.contentStreamProvider().newStream()),
                        original.optionalContentLength().orElseThrow(), "application/octet-stream"));
            }
        };
        S3Tier tier = S3Tier.open(TestS3.settings(prefix), List.of(failing));
        Path file = directory.resolve("large");
        byte[] bytes = new byte[(int) S3Tier.MULTIPART_ABOVE + 3 * S3Tier.PART]; // 5 parts
        new Random(7).nextBytes(bytes);
        Files.write(file, bytes);

        assertThatThrownBy(() -> tier.upload("sha256/ab/" + "c".repeat(62), file)).isInstanceOf(IOException.class)
                .hasMessageContaining("part 2");

        assertThat(sent).as("parts sent").contains(1).doesNotContain(2);
        assertThat(leftBehind(prefix)).as("what the server holds of the upload").isEmpty();
    }

    /** Every file of the test bucket on the server's disk that belongs to {@code prefix}: objects and stored parts. */
    private static List<String> leftBehind(String prefix) throws IOException {
        Path bucket = TestS3.server().objectFile(TestS3.BUCKET, "");
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).map(file -> bucket.relativize(file).toString())
                    .filter(name -> name.contains(prefix)).toList();
        }
    }

    /**
     * A part's bytes that pause for a second half-way, when the HTTP client sends them: the server has accepted the
     * part's request by then. Not when the SDK reads them to sign them, before sending.
     */
    private static final class SlowOnTheWire extends FilterInputStream {
        private long read;
        private boolean paused;

        SlowOnTheWire(InputStream bytes) {
            super(bytes);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!paused && read > S3Tier.PART / 2 && sending()) {
                paused = true;
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int n = super.read(buffer, offset, length);
            read += Math.max(n, 0);
            return n;
        }

        private static boolean sending() {
            return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
                    frame.getClassName().startsWith("org.apache.hc.")));
        }
    }
}
