package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A materializer reads back what it wrote, through {@link StoredValue}, and its serialized form is kept to read. */
class MaterializerReadBackTest {

    /** Has no no-arg constructor: only its materializer can make it again. */
    static final class Money {
        final BigDecimal amount;
        final String currency;
        final List<Double> history;

        Money(BigDecimal amount, String currency, List<Double> history) {
            this.amount = amount;
            this.currency = currency;
            this.history = history;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Money that && amount.equals(that.amount) && currency.equals(that.currency)
                    && history.equals(that.history);
        }

        @Override
        public int hashCode() {
            return Objects.hash(amount, currency, history);
        }
    }

    /** Writes Money as an object; reads it back member by member. */
    static class MoneyMaterializer implements Materializer {
        @Override
        public boolean supports(Class<?> type) {
            return type == Money.class;
        }

        @Override
        public void write(Object value, CanonicalWriter out) {
            Money money = (Money) value;
            out.beginObject().field("amount", money.amount).field("currency", money.currency)
                    .field("history", money.history).endObject();
        }

        @Override
        public Optional<Object> read(StoredValue stored, Type type) {
            StoredValue amount = stored.member("amount").orElseThrow();
            @SuppressWarnings("unchecked")
            List<Double> history = (List<Double>) stored.member("history").orElseThrow()
                    .as(new ReadBackTest.TypeOf<List<Double>>() {}.type());
            return Optional.of(new Money(amount.asBigDecimal(), stored.member("currency").orElseThrow().asString(),
                    history));
        }
    }

    /** Gives a serialized form, and reads the value back from it alone. */
    static final class SerializingMaterializer extends MoneyMaterializer {
        @Override
        public Optional<byte[]> serializedForm(Object value) {
            Money money = (Money) value;
            return Optional.of((money.amount + " " + money.currency + " " + money.history.get(0))
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<Object> read(StoredValue stored, Type type) {
            return stored.serializedForm().map(bytes -> {
                String[] parts = new String(bytes, StandardCharsets.UTF_8).split(" ");
                return new Money(new BigDecimal(parts[0]), parts[1], List.of(Double.parseDouble(parts[2])));
            });
        }
    }

    /** Writes Money but does not read it back. */
    static final class WriteOnlyMaterializer implements Materializer {
        @Override
        public boolean supports(Class<?> type) {
            return type == Money.class;
        }

        @Override
        public void write(Object value, CanonicalWriter out) {
            out.string(((Money) value).currency);
        }
    }

    record Wallet(String owner, List<Money> coins) {}

    @TempDir
    Path temp;

    @Test
    void aMaterializerReadsBackWhatItWroteAlsoWhereItIsNested() throws Exception {
        Materializers materializers = Materializers.of(List.of(new MoneyMaterializer()));
        ArtifactStore store = new ArtifactStore(temp.resolve("store"));
        Wallet wallet = new Wallet("ada", List.of(new Money(new BigDecimal("1.50"), "EUR", List.of(1.0, 2.5)),
                new Money(BigDecimal.TEN, "CHF", List.of())));
        assertThat(materializers.whyUnreadable(Wallet.class, Normalization.none())).isEmpty();

        Artifact stored = materializers.materialize(wallet, Normalization.none(), store);
        Object back = materializers.readBack(store, stored.digest(), stored.mediaType(), Wallet.class,
                Normalization.none(), Files.createDirectories(temp.resolve("scratch")));

        assertThat(back).isEqualTo(wallet);
    }

    @Test
    void theSerializedFormIsKeptInTheStoreAndReadBackFrom() throws Exception {
        Materializers materializers = Materializers.of(List.of(new SerializingMaterializer()));
        ArtifactStore store = new ArtifactStore(temp.resolve("store"));
        Money money = new Money(new BigDecimal("2.25"), "GBP", List.of(0.5));

        Artifact stored = materializers.materialize(money, Normalization.none(), store);
        assertThat(store.read(stored.bytesDigest())).hasValueSatisfying(bytes -> assertThat(new String(bytes,
                StandardCharsets.UTF_8)).isEqualTo("2.25 GBP 0.5"));
        Object back = materializers.readBack(store, stored.digest(), stored.bytesDigest(), stored.mediaType(),
                Money.class, Normalization.none(), Files.createDirectories(temp.resolve("scratch")));

        assertThat(back).isEqualTo(money);
    }

    @Test
    void withoutItsSerializedFormSuchAMaterializerSaysItCannotRead() throws Exception {
        Materializers materializers = Materializers.of(List.of(new SerializingMaterializer()));
        ArtifactStore store = new ArtifactStore(temp.resolve("store"));
        Artifact stored = materializers.materialize(new Money(BigDecimal.ONE, "USD", List.of(1.0)), Normalization.none(),
                store);
        Path scratch = Files.createDirectories(temp.resolve("scratch"));

        assertThatThrownBy(() -> materializers.readBack(store, stored.digest(), stored.mediaType(), Money.class,
                Normalization.none(), scratch))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining(SerializingMaterializer.class.getName() + " could not read the value");
    }

    @Test
    void aMaterializerThatDoesNotReadMakesItsTypeUnreadable() {
        Materializers materializers = Materializers.of(List.of(new WriteOnlyMaterializer()));

        assertThat(materializers.whyUnreadable(Wallet.class, Normalization.none())).hasValueSatisfying(why ->
                assertThat(why).contains("component coins").contains(WriteOnlyMaterializer.class.getName()
                        + " writes " + Money.class.getName() + " but does not read it back"));
        assertThat(Materializers.of(List.of()).whyUnreadable(Money.class, Normalization.none()))
                .hasValueSatisfying(why -> assertThat(why).contains("has no no-arg constructor"));
    }
}
