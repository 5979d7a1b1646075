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
        Node root = CanonicalTree.parse(encoded);
        for (OutputPath path : normalization.ignoredFields()) {
            if (leaveOut(root, path.segments(), 0) == 0) {
                throw notFound("@IgnoreFields", path, root);
            }
        }
        if (normalization.significantDigits() > 0) {
            round(root, new MathContext(normalization.significantDigits(), RoundingMode.HALF_EVEN));
            if (root instanceof Scalar scalar) {
                root = rounded(scalar, new MathContext(normalization.significantDigits(), RoundingMode.HALF_EVEN));
            }
        }
        // Deeper lists first, so that an outer list is sorted by elements whose own lists are already in order.
        List<OutputPath> lists = normalization.unordered().stream()
                .sorted(Comparator.comparingInt((OutputPath path) -> path.segments().size()).reversed())
                .toList();
        for (OutputPath path : lists) {
            if (sort(root, path, 0) == 0) {
                throw notFound("@Unordered", path, root);
            }
        }
        return CanonicalTree.write(root);
    }

    /** Replaces what the path names below {@code node}; counts the places it reached, an empty list counting as one. */
    private static int leaveOut(Node node, List<Segment> segments, int index) {
        Segment segment = segments.get(index);
        boolean last = index == segments.size() - 1;
        int reached = 0;
        if (segment instanceof AnyElement && node instanceof ArrayNode array) {
            if (array.elements().isEmpty()) {
                return 1;
            }
            for (int i = 0; i < array.elements().size(); i++) {
                if (last) {
                    array.elements().set(i, LEFT_OUT);
                    reached++;
                } else {
                    reached += leaveOut(array.elements().get(i), segments, index + 1);
                }
            }
        } else if (!(segment instanceof AnyElement) && node instanceof ObjectNode object) {
            for (CanonicalTree.Member member : object.members()) {
                if (segment instanceof AnyMember || ((Member) segment).name().equals(member.name())) {
                    if (last) {
                        member.value = LEFT_OUT;
                        reached++;
                    } else {
                        reached += leaveOut(member.value, segments, index + 1);
                    }
                }
            }
        }
        return reached;
    }

    private static int sort(Node node, OutputPath path, int index) {
        List<Segment> segments = path.segments();
        if (index == segments.size()) {
            if (!(node instanceof ArrayNode array)) {
                throw new MaterializationException("@Unordered(\"" + path + "\") names " + describe(path)
                        + ", which is not a list but " + kind(node) + "; name a list or an array");
            }
            array.elements().sort(Comparator.comparing(CanonicalTree::write));
            return 1;
        }
        Segment segment = segments.get(index);
        int reached = 0;
        if (segment instanceof AnyElement && node instanceof ArrayNode array) {
            if (array.elements().isEmpty()) {
                return 1;
            }
            for (Node element : array.elements()) {
                reached += sort(element, path, index + 1);
            }
        } else if (!(segment instanceof AnyElement) && node instanceof ObjectNode object) {
            for (CanonicalTree.Member member : object.members()) {
                if (segment instanceof AnyMember || ((Member) segment).name().equals(member.name())) {
                    reached += sort(member.value, path, index + 1);
                }
            }
        }
        return reached;
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
