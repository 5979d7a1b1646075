package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.artifact.Digests;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The listing of a data directory: the bytes its fingerprint digests, read back for a restore. */
class DataListingTest {

    @Test
    void aListingReadsBackWholeEvenWhereAPathHoldsANewline() {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("a.csv", Digests.sha256("a"));
        files.put("odd\nname.txt", Digests.sha256("b"));
        files.put("sub/dir/é.bin", Digests.sha256("c"));

        assertThat(DataListing.parse(DataListing.bytes(files))).isEqualTo(files);
    }

    @Test
    void itsDigestIsTheDirectorysFingerprintForm() {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("b.txt", Digests.sha256("b"));
        files.put("a.txt", Digests.sha256("a"));

        assertThat(DataListing.digest(files)).isEqualTo(Digests.sha256("a.txt\0" + Digests.sha256("a") + "\nb.txt\0"
                + Digests.sha256("b") + "\n"));
    }

    @Test
    void bytesThatAreNoListingAreRefused() {
        assertThatThrownBy(() -> DataListing.parse("a.txt\0sha256:12\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a data listing");
    }
}
