package io.reprounit.artifact;

import io.reprounit.artifact.CanonicalTree.ArrayNode;
import io.reprounit.artifact.CanonicalTree.Node;
import io.reprounit.artifact.CanonicalTree.ObjectNode;
import io.reprounit.artifact.CanonicalTree.Scalar;
import io.reprounit.artifact.OutputPath.AnyElement;
import io.reprounit.artifact.OutputPath.AnyMember;
import io.reprounit.artifact.OutputPath.Member;
import io.reprounit.artifact.OutputPath.Segment;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rewrites a canonical encoding into its compared form: members named by {@code @IgnoreFields} replaced by a marker,
 * floating-point numbers rounded to {@code @SignificantDigits}, lists named by {@code @Unordered} sorted by the
 * encoding of their elements — in that order, so that elements that differ only in what is left out or rounded away
 * sort alike. A path that matches nothing is an error: a misspelt path would otherwise compare everything silently.
 */
final class TreeNormalizer {

    static final Scalar LEFT_OUT = new Scalar(CanonicalWriter.quoted("(left out: @IgnoreFields)"));

    private TreeNormalizer() {}

    static String normalize(String encoded, Normalization normalization) {
        Node[] tree = {CanonicalTree.parse(encoded)};
        Place root = new Place(() -> tree[0], node -> tree[0] = node);
        for (OutputPath path : normalization.ignoredFields()) {
            if (reach(root, path.segments(), 0, place -> place.set().accept(LEFT_OUT)) == 0) {
                throw notFound("@IgnoreFields", path, root.get().get());
            }
        }
        if (normalization.significantDigits() > 0) {
            MathContext digits = new MathContext(normalization.significantDigits(), RoundingMode.HALF_EVEN);
            round(root.get().get(), digits);
            if (root.get().get() instanceof Scalar scalar) {
                root.set().accept(rounded(scalar, digits));
            }
        }
        // Deeper lists first, so that an outer list is sorted by elements whose own lists are already in order.
        List<OutputPath> lists = normalization.unordered().stream()
                .sorted(Comparator.comparingInt((OutputPath path) -> path.segments().size()).reversed())
                .toList();
        for (OutputPath path : lists) {
            if (reach(root, path.segments(), 0, place -> sort(place.get().get(), path)) == 0) {
                throw notFound("@Unordered", path, root.get().get());
            }
        }
        return CanonicalTree.write(root.get().get());
    }

    /** A place in the tree: the value there, and how to put another in its stead. */
    private record Place(Supplier<Node> get, Consumer<Node> set) {}

    /**
     * Calls {@code action} on every place the path reaches below {@code place}, and counts them; an empty list on the
     * way counts as one, since a path through it is right but has nothing to reach in this output.
     */
    private static int reach(Place place, List<Segment> segments, int index, Consumer<Place> action) {
        if (index == segments.size()) {
            action.accept(place);
            return 1;
        }
        Segment segment = segments.get(index);
        Node node = place.get().get();
        int reached = 0;
        if (segment instanceof AnyElement && node instanceof ArrayNode array) {
            List<Node> elements = array.elements();
            if (elements.isEmpty()) {
                return 1;
            }
            for (int i = 0; i < elements.size(); i++) {
                int at = i;
                reached += reach(new Place(() -> elements.get(at), replacement -> elements.set(at, replacement)),
                        segments, index + 1, action);
            }
        } else if (!(segment instanceof AnyElement) && node instanceof ObjectNode object) {
            for (CanonicalTree.Member member : object.members()) {
                if (segment instanceof AnyMember || ((Member) segment).name().equals(member.name())) {
                    reached += reach(new Place(() -> member.value, replacement -> member.value = replacement),
                            segments, index + 1, action);
                }
            }
        }
        return reached;
    }

    private static void sort(Node node, OutputPath path) {
        if (!(node instanceof ArrayNode array)) {
            throw new MaterializationException("@Unordered(\"" + path + "\") names " + describe(path)
                    + ", which is not a list but " + kind(node) + "; name a list or an array");
        }
        array.elements().sort(Comparator.comparing(CanonicalTree::write));
    }

    private static void round(Node node, MathContext digits) {
        if (node instanceof ObjectNode object) {
            for (CanonicalTree.Member member : object.members()) {
                if (member.value instanceof Scalar scalar) {
                    member.value = rounded(scalar, digits);
                } else {
                    round(member.value, digits);
                }
            }
        } else if (node instanceof ArrayNode array) {
            List<Node> elements = array.elements();
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) instanceof Scalar scalar) {
                    elements.set(i, rounded(scalar, digits));
                } else {
                    round(elements.get(i), digits);
                }
            }
        }
    }

    /** A finite floating-point number to the given significant digits, trailing zeros dropped; anything else as it is. */
    static Scalar rounded(Scalar scalar, MathContext digits) {
        if (!scalar.isFloatingPoint() || scalar.text().equals("NaN") || scalar.text().endsWith("Infinity")) {
            return scalar;
        }
        BigDecimal value = new BigDecimal(scalar.text()).round(digits).stripTrailingZeros();
        return new Scalar(value.signum() == 0 ? "0" : value.toString());
    }

    private static MaterializationException notFound(String normalizer, OutputPath path, Node root) {
        String members = root instanceof ObjectNode object
                ? "; the output's members are " + String.join(", ", object.members().stream().map(m -> m.name()).toList())
                : "; the output is " + kind(root);
        return new MaterializationException(normalizer + "(\"" + path + "\") matches nothing in the output, so it"
                + " would leave nothing out; correct the path" + members);
    }

    private static String describe(OutputPath path) {
        return path.isOutputItself() ? "the output itself" : "output." + path;
    }

    private static String kind(Node node) {
        if (node instanceof ObjectNode) {
            return "an object";
        }
        if (node instanceof ArrayNode) {
            return "a list";
        }
        return "the value " + ((Scalar) node).text();
    }
}
