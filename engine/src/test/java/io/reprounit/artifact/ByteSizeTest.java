package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void sizesAreBytesOrNumbersWithDecimalOrBinaryUnits() {
        assertThat(ByteSize.parse("1048576")).isEqualTo(1_048_576);
        assertThat(ByteSize.parse(" 64MB ")).isEqualTo(64_000_000);
        assertThat(ByteSize.parse("512KiB")).isEqualTo(512 * 1024);
        assertThat(ByteSize.parse("2G")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("3 gib")).isEqualTo(3L << 30);
        assertThat(ByteSize.parse("0")).isZero();
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsAccepted() {
        for (String bad : new String[] {"", "-1", "1.5G", "64 megabytes", "MB", "99999999999T"}) {
            assertThatThrownBy(() -> ByteSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
