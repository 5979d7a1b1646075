package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The digests of a fixed set of values, written down: a change to how the walk or the writer works (made to go faster,
 * say) must not change a single byte. Covers rows of records with members of every primitive type, beans with shared
 * references and a cycle, and each normalizer applied to them, beside the values {@link DigestsPrinter} compares
 * across JDKs. A digest here changes only with a new {@link CanonicalFormat#SCHEME}.
 */
class PinnedDigestsTest {

    record Row(String id, int count, double x, double y, boolean flag) {}

    /** A member of every primitive type, boxed ones, and a null. */
    record Mixed(byte b, short s, char c, long l, float f, Integer boxed, Double maybe, Character letter, String text) {}

    /** Every primitive type that is written whole, in a record. */
    record Flat(float f, short s, byte b, long l, String text, double d, int i, boolean yes) {}

    /** A bean of primitives and strings, shadowing a field of its base. */
    static class FlatBase {
        String name = "base";
        int size = 3;
    }

    static final class FlatBean extends FlatBase {
        String name = "derived é";
        double weight = -0.0;
        float ratio = Float.MIN_VALUE;
        transient int skipped = 9;
        boolean on = true;
        String none;
    }

    static final class Node {
        String label;
        long weight;
        boolean leaf;
        Node next;
        Node shared;

        Node(String label, long weight) {
            this.label = label;
            this.weight = weight;
        }
    }

    static List<Row> rows(int count) {
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new Row(String.format("row-%06d", i), i * 7 % 13 - 6, i / 3.0, Math.scalb(-1.0 * i, -i % 40),
                    i % 3 == 0));
        }
        return rows;
    }

    static Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>(DigestsPrinter.values());
        values.put("rows", rows(1000));
        values.put("rows with a shared row", List.of(new Row("a", 1, 0.5, -0.0, true), rows(3).get(1), rows(3).get(1)));
        values.put("mixed", List.of(new Mixed((byte) -3, (short) 300, 'é', Long.MIN_VALUE, Float.NaN, 7, null, 'x',
                "naïve 🎉"), new Mixed((byte) 0, (short) 0, '\0', 0, -0.0f, null, 1e-310, null, "")));
        Node a = new Node("a", 1);
        Node b = new Node("b", -2);
        b.leaf = true;
        a.next = b;
        b.next = a;
        a.shared = b;
        b.shared = b;
        values.put("cycle", a);
        values.put("bean list", List.of(a, b, a));
        values.put("array of rows", rows(4).toArray(new Row[0]));
        values.put("flat records", List.of(new Flat(1.5f, (short) -2, (byte) 127, -1, "x", Double.NaN, 42, false),
                new Flat(Float.NaN, Short.MIN_VALUE, (byte) 0, Long.MAX_VALUE, null, 1e-310, -7, true)));
        values.put("flat beans", List.of(new FlatBean(), new FlatBean()));
        values.put("a flat record alone", new Flat(0f, (short) 0, (byte) 0, 0, "", 0, 0, true));
        return values;
    }

    static Map<String, Normalization> normalizations() {
        Map<String, Normalization> normalizations = new LinkedHashMap<>();
        normalizations.put("ignore fields", Normalization.builder().ignoreFields(List.of("[*].x", "[*].id")).build());
        normalizations.put("ignore types", Normalization.builder().ignoreTypes(List.of(Double.class, String.class))
                .build());
        normalizations.put("unordered", Normalization.builder().unordered(List.of()).build());
        normalizations.put("significant digits", Normalization.builder().significantDigits(3).build());
        return normalizations;
    }

    static Map<String, String> digests() {
        Materializers materializers = Materializers.of(List.of());
        Map<String, String> digests = new LinkedHashMap<>();
        values().forEach((name, value) -> digests.put(name, materializers.materialize(value).digest()));
        List<Row> rows = rows(200);
        normalizations().forEach((name, normalization) -> digests.put("rows, " + name,
                materializers.materialize(rows, normalization).digest()));
        return digests;
    }

    public static void main(String[] args) {
        digests().forEach((name, digest) -> System.out.println("        pinned.put(\"" + name.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\", \"" + digest + "\");"));
    }

    /** A row whose accessor throws. */
    record Broken(String id, int count) {
        @Override
        public int count() {
            throw new IllegalStateException("no count");
        }
    }

    @Test
    void anAccessorThatThrowsIsNamedWithWhereItsObjectSits() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Materializers.of(List.of())
                        .materialize(List.of(new Broken("a", 1))))
                .isInstanceOf(MaterializationException.class)
                .hasMessageContaining("output[0].count")
                .hasRootCauseMessage("no count");
    }

    @Test
    void theDigestsAreThoseWrittenDown() {
        assertThat(digests()).containsExactlyEntriesOf(pinned());
    }

    /** Written down before the encoder was made faster; the maps and the set again when strings began to sort by UTF-8. */
    private static Map<String, String> pinned() {
        Map<String, String> pinned = new LinkedHashMap<>();
        pinned.put("double 0 (0)", "sha256:69c29c051218dbea38795b1cdfd816855c312a9cbc0b1daaa79bb9a0b895361a");
        pinned.put("double 1 (8000000000000000)", "sha256:559f02ca8e0b10ca05984f204400669ba31fb4a533a6a82e26572e8fcc01d867");
        pinned.put("double 2 (7ff8000000000000)", "sha256:34d1da1d3cb655270245ff93126e2d7d6b8fdd7143365aefd658de2c4029d8e5");
        pinned.put("double 3 (7ff8000000000001)", "sha256:34d1da1d3cb655270245ff93126e2d7d6b8fdd7143365aefd658de2c4029d8e5");
        pinned.put("double 4 (fff8000000000000)", "sha256:34d1da1d3cb655270245ff93126e2d7d6b8fdd7143365aefd658de2c4029d8e5");
        pinned.put("double 5 (7ff0000000000000)", "sha256:6c7b8fbd7f7a113b7045aaed31ac06f295147c79c9bf6ee84dc7b4feb59bf33d");
        pinned.put("double 6 (fff0000000000000)", "sha256:c03bea9fcc9163916509beadf037717c33ea2dcc665a85f6e340c3d56ef640ab");
        pinned.put("double 7 (1)", "sha256:a26c9caf81ac603a3ea262baf1bcc8aad3bf0fdd21bcfa0758a2bb26503dbea0");
        pinned.put("double 8 (12688b70e62b)", "sha256:a01c63411821e6e0ce75ab21daa31bef312027f541cd2a3a50a5c3ce8d996831");
        pinned.put("double 9 (2)", "sha256:e4ccbc40ec9d4d1b6edd13088547ba707efee3260aa2452c717c13989786e4c4");
        pinned.put("double 10 (10000000000000)", "sha256:ad41f4f8376317c9ddf327c9f5aca8379a01c321ce4dc44bd9c3d7119e38b82b");
        pinned.put("double 11 (7fefffffffffffff)", "sha256:343f2f69273e2f714f968189527383749f55a859b70bd59ad0fc4f2070b70ffc");
        pinned.put("double 12 (44b52d02c7e14af6)", "sha256:c08544169706dcb28f8b6b9ca715d451d26e64c47a00e164e7be655becbcbc01");
        pinned.put("double 13 (44c52d02c7e14af6)", "sha256:f48b7abab75134a184538b6db844a334020e9bb906cd9b6c667e9d95d11b2ddd");
        pinned.put("double 14 (447c7e83209e90b2)", "sha256:e49a0230cd53aa54cb9fbbf3500b628087dc4b848372c9932ad731d96f929e9e");
        pinned.put("double 15 (438f67ea69ed3795)", "sha256:52673564f1862ef7d6429e501f288f97a8bc7dda03d5d2702ee3e4ebd3d78229");
        pinned.put("double 16 (3fd3333333333334)", "sha256:96b188e2d2c7a854d40e48d17a6d6f99ab6e884146694780706bdfa8cb7a0bd1");
        pinned.put("double 17 (3fb999999999999a)", "sha256:71ad194e0954aaf04f821e0ed696b0daf48299896d2f1c8db1ee89334049ade5");
        pinned.put("double 18 (4830000000000000)", "sha256:333740b595834835c0f0736e8b156ad8beb9b9ee8edd6e151faec03f8b4470a6");
        pinned.put("double 19 (8000000000000008)", "sha256:d5cdcd9f8e39db6194ba4ab37935abc6bbf50cc4bfb8dbb74b54f261882516e1");
        pinned.put("double 20 (3ff0000000000000)", "sha256:57938968bb9a6b3c7b3188fcc444144991131f9879d5c602c14ad147f0f7b4b4");
        pinned.put("double 21 (4059000000000000)", "sha256:f89e44dda30be811bd5d3283e9ca65e8cbca0082cf9fc22f7f0090dae7c8344a");
        pinned.put("float 0 (0)", "sha256:e16ab60aa1eeb7074ca590e8a95bc4ce6264aa74f4f79359e580ede60b892bbe");
        pinned.put("float 1 (80000000)", "sha256:770ac23aae74e1857b2b6e111a7cf35d9fcd5f1406ab641f7c046a5964569491");
        pinned.put("float 2 (7fc00000)", "sha256:c70dd57ab974370f487291fe2409ee12b1939242146f05ecf80efb5e8e637cc3");
        pinned.put("float 3 (7fc00001)", "sha256:c70dd57ab974370f487291fe2409ee12b1939242146f05ecf80efb5e8e637cc3");
        pinned.put("float 4 (1)", "sha256:0dbc8b6d87c4c741a7ada41a96fad8ee7e477cbd168acf57fb3a33fac26cb7c6");
        pinned.put("float 5 (116c2)", "sha256:7cd77ebf8b5164621e09d6fd1babf6146d84ebe95644c176e7ebf6ed4e81dacf");
        pinned.put("float 6 (800000)", "sha256:0180a771daff5729590e59b465d85b9c267225f82842f176b4ddf7429ff6189c");
        pinned.put("float 7 (7f7fffff)", "sha256:511f341f58ad154b51327b34e78d9908e40795adf6513c3f4e566323800e996b");
        pinned.put("float 8 (3dcccccd)", "sha256:c46006ab75e7930eb38fc66251c50d8a4e9d82e0b7434d391b065fe8136b1355");
        pinned.put("float 9 (3f8ccccd)", "sha256:f8e4c6e4f14be137edc53c3508acf1f16fe5a3d8f5d98cfe7ba4daa5148c6dc3");
        pinned.put("float 10 (7f7fc99e)", "sha256:037acc9465d5d6573594f42671733ce280722b52d3685fce967280ad6d87d941");
        pinned.put("float 11 (4b800000)", "sha256:8e6e02ddd5de4e53e8a25cf5170c458b540e4f9bc4801ce6d37f119d671e8e3c");
        pinned.put("double[]", "sha256:e609a00dba679b3388bdf2d7d234fe5c2333af85dd6ccbd4a4bd183607dae1a6");
        pinned.put("float[]", "sha256:e2356552aaed534bddf862dd9d2c3883197669ca362ee38aeed2bbad6360b2a7");
        pinned.put("int[]", "sha256:400af693edefcfa24b918ab5a2af0ee52aba4cee671ebc92ac5cecfc0aff8f50");
        pinned.put("long[]", "sha256:e5925ffab6c49fffff8111d06ab5d6f428f6bb25cfcd1dd7e1822018bebe52f5");
        pinned.put("long max", "sha256:f43adfb9194012945124a38f118e7a589cdaac8eee8d0e5cf263ca79dc6319bd");
        pinned.put("int min", "sha256:78a5afd823f8db880234314d322da3a19ecc4bc01f2cf3aa4726ee58e2feb685");
        pinned.put("boolean", "sha256:dbc1b4c900ffe48d575b5da5c638040125f65db0fe3e24494b76ea986457d986");
        pinned.put("BigDecimal 1.10", "sha256:2ea42377755bfe2acbe942ce5c1a31d9c8553b169fd4617b7bc6e83d8d1896d2");
        pinned.put("BigDecimal 1.1", "sha256:360d2a7d5d0827cdb6fc8878bbab4f56199f1ce27097c6e19e7009dd5cbcbbde");
        pinned.put("BigDecimal of 0.1", "sha256:7e7a8692f280151baae937a610bdc9a55dcdf9c559355f36303ee32dd0ab6506");
        pinned.put("BigDecimal -0.000", "sha256:b198a95a20d3e81e539c22530be6f4208bc8adac85e108d4557db2666ba1e538");
        pinned.put("BigInteger 2^132", "sha256:75f8fc624da06c33d72f789d8f2eddd46009280b3cfd1b338653a08bd1a12e85");
        pinned.put("string empty", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        pinned.put("string accents", "sha256:b866e484f08c7fbac93012c45cf292924ab73926237b146106721f62951abee9");
        pinned.put("string CJK", "sha256:10e43f0e9a11fe0a5bc3c00d5290e3542f620cc6c7bd6a029be213deace67252");
        pinned.put("string emoji", "sha256:0d1054ac787d4e6fd18f8387da3d18183c5d01b7ef7aa6cb3c5fccb547cd17a8");
        pinned.put("string combining", "sha256:877d044d165085cf75472b0dda61fe4fd92120410ece6393dce7343a2b27a883");
        pinned.put("list of strings", "sha256:926ab9b4dfda3a8ef23bfe21b2136830659f59b8612a246b8c1cd2dd4bb408d2");
        pinned.put("nested lists", "sha256:ec272a2ccc3c9c08cd9d5c3ac41be315fae6018927b7f143a076af27cc9872d4");
        pinned.put("Map.of", "sha256:6f41337a2eeac82a38ebdeb637a452072210b2f99161dca20e33742ab73fb3c8");
        pinned.put("HashMap", "sha256:beba1761b2c113199ad6724b7675383f5affaefbd18d55e3592c4db428b196da");
        pinned.put("TreeMap", "sha256:ddec9179ec23d9ead4c7447d7e6b149786fdf64e787f2ccdcae9840c76555896");
        pinned.put("Map with double keys", "sha256:d8b6d81ec516d30913794ed6b8e5e2275b4b5088907679beecd3a844764cdce2");
        pinned.put("Set.of", "sha256:5707e4f34601bab7e8ed24491b1f919555eb134ac9fe1bb5fe28c7057221be81");
        pinned.put("HashSet", "sha256:26e505b11f8b58626dfdc4fc04019143578c6778cbf546cc4cd283ccbb464e0a");
        pinned.put("record", "sha256:e0503d424cd02ee2fafd95ef374d5c5b9d75fb904a4a461a7039f7ee3de34629");
        pinned.put("nested records", "sha256:52e4df331d63b7e036af108aff703ea3a12e1b6b645e2fa957bfd58a51004e29");
        pinned.put("enum", "sha256:b193f277fcce0eb5364cc25575efcc7b3d0eab26891656d823d9ddc138e77a15");
        pinned.put("list of doubles", "sha256:60128b2af0f2a474b737557e584af9981c44b694e8e29a9105e2eb3891d46096");
        pinned.put("rows", "sha256:fffa98d6ec562fb6576b2c8cc008814811bcb3d4ae0fa074f71e75d66b8bcee8");
        pinned.put("rows with a shared row", "sha256:8dd91f8854e02cb0b0bbfecf2fd10164b6fd4d1f9dae4438752dd9df50c8b1e3");
        pinned.put("mixed", "sha256:10864295abcea6c2fb5ac276dc92c0bd538554201788cd98fc7c2e7503a25203");
        pinned.put("cycle", "sha256:5a9e79962e86502db4a2dcf93c0e518ebbf43dc270d4a9dd1036299584e0050b");
        pinned.put("bean list", "sha256:81f6a3b7473eed4ef138dd01f29aa56a66fd8bc2c5814b91d2ba4da7c402e1c7");
        pinned.put("array of rows", "sha256:6c9fa3ddb579006043bcbf9ddb3d895889e2b6f5c3080e577f99d0ef4fd3ef9f");
        pinned.put("flat records", "sha256:2eab4b35770611ada9cc04719f693713537f4f194528ed3c1940828e05623111");
        pinned.put("flat beans", "sha256:dd3a1b114d61529f70e77094b1df8747fea52ff787ef9a6724707bd9d97d6658");
        pinned.put("a flat record alone", "sha256:a104dec10af051cf23d39cade607c30b82b15665f581a45682c32df8e008ddb5");
        pinned.put("rows, ignore fields", "sha256:6736ffefdbaf2a166d1ade1aa2fa3b3673f35f52204e4d783f2afa07246e40a8");
        pinned.put("rows, ignore types", "sha256:b3eb06b8d352c3f04e495777dcc75a77d6fbb844a8619887b6bb4397f27e6ec0");
        pinned.put("rows, unordered", "sha256:2258c4487c695fa19bc8260ec834408d47bc052e52813bf8d2aacf803c94de3c");
        pinned.put("rows, significant digits", "sha256:3135d8876f815b6e47a61cadcfc1d5df36da0667e881cfdcc03425829cffd651");
        return pinned;
    }
}
