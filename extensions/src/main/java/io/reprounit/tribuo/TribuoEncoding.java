package io.reprounit.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.reprounit.artifact.CanonicalWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.FeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.OutputInfo;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;

/**
 * Writes a Tribuo model or dataset in the form {@link TribuoMaterializer} describes. The only class of this package that
 * the materializer reaches, and only from {@code write}, so that Tribuo is linked only where a Tribuo value exists.
 * Members are written in the order of their names, as {@link CanonicalWriter} expects.
 */
final class TribuoEncoding {

    private TribuoEncoding() {}

    static void write(Object value, CanonicalWriter out) {
        if (value instanceof Model<?> model) {
            writeModel(model, out);
        } else if (value instanceof Dataset<?> dataset) {
            writeDataset(dataset, out);
        } else {
            throw new IllegalArgumentException("Not a Tribuo model or dataset: " + value.getClass().getName());
        }
    }

    /**
     * The value's protobuf form, which is how Tribuo saves models and datasets, and which changes with every training
     * since it carries the provenance's timestamps; empty where Tribuo cannot serialize the value.
     */
    static java.util.Optional<byte[]> serialized(Object value) {
        if (!(value instanceof org.tribuo.protos.ProtoSerializable<?> serializable)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(serializable.serialize().toByteArray());
        } catch (RuntimeException e) {
            // Some models (wrappers of external libraries) have no protobuf form; the canonical one stands in for it.
            return java.util.Optional.empty();
        }
    }

    /**
     * A model or dataset made again from the protobuf form {@link #serialized} gave; empty where the bytes are not
     * that form of a value of {@code type}.
     */
    static java.util.Optional<Object> read(byte[] serialized, Class<?> type) {
        try {
            if (Model.class.isAssignableFrom(type)) {
                Model<?> model = Model.deserialize(org.tribuo.protos.core.ModelProto.parseFrom(serialized));
                return type.isInstance(model) ? java.util.Optional.of(model) : java.util.Optional.empty();
            }
            if (Dataset.class.isAssignableFrom(type)) {
                Dataset<?> dataset = Dataset.deserialize(org.tribuo.protos.core.DatasetProto.parseFrom(serialized));
                return type.isInstance(dataset) ? java.util.Optional.of(dataset) : java.util.Optional.empty();
            }
            return java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty(); // not Tribuo's form of such a value: said unreadable by the caller
        }
    }

    private static void writeModel(Model<?> model, CanonicalWriter out) {
        StableProvenance provenance = StableProvenance.of(model.getProvenance());
        LearnedParameters.Learned learned = LearnedParameters.of(model);
        List<String> leftOut = new ArrayList<>(provenance.leftOut());
        learned.leftOut().forEach(field -> leftOut.add("parameters." + field));
        leftOut.sort(null);
        out.beginObject()
                .field("$class", model.getClass().getName())
                .field("$leftOut", leftOut)
                .field("features", features(model.getFeatureIDMap()))
                .field("generatesProbabilities", model.generatesProbabilities())
                .field("name", model.getName())
                .field("outputs", outputs(model.getOutputIDInfo()))
                .field("parameters", learned.values())
                .field("provenance", provenance.kept())
                .endObject();
    }

    private static void writeDataset(Dataset<?> dataset, CanonicalWriter out) {
        StableProvenance provenance = StableProvenance.of(dataset.getProvenance());
        out.beginObject()
                .field("$class", dataset.getClass().getName())
                .field("$leftOut", provenance.leftOut())
                .field("examples", examples(dataset))
                .field("features", features(dataset.getFeatureMap()))
                .field("outputs", outputs(dataset.getOutputInfo()))
                .field("provenance", provenance.kept())
                .endObject();
    }

    /** The examples in the dataset's own order (not its iteration order, which {@code shuffle} changes). */
    private static List<Map<String, Object>> examples(Dataset<?> dataset) {
        List<Map<String, Object>> examples = new ArrayList<>(dataset.size());
        for (Example<?> example : dataset.getData()) {
            // Features as [name, value] pairs in the example's order: an example may hold a name twice until validated.
            List<List<Object>> features = new ArrayList<>(example.size());
            for (Feature feature : example) {
                features.add(List.of(feature.getName(), feature.getValue()));
            }
            Map<String, Object> encoded = new TreeMap<>();
            encoded.put("features", features);
            encoded.put("metadata", new TreeMap<>(example.getMetadata()));
            encoded.put("output", example.getOutput().getSerializableForm(false));
            encoded.put("weight", example.getWeight());
            examples.add(encoded);
        }
        return examples;
    }

    /** Per feature name: how often it was observed, and its id where the map assigns ids (the columns of weights). */
    private static Map<String, Map<String, Object>> features(FeatureMap map) {
        Map<String, Map<String, Object>> features = new TreeMap<>();
        for (VariableInfo info : map) {
            Map<String, Object> feature = new TreeMap<>();
            feature.put("count", info.getCount());
            if (info instanceof VariableIDInfo withId) {
                feature.put("id", withId.getID());
            }
            features.put(info.getName(), feature);
        }
        return features;
    }

    /** Per output: how often it was observed, and its id where the domain is immutable (the rows of weights). */
    private static Map<String, Map<String, Object>> outputs(OutputInfo<?> info) {
        Map<String, Map<String, Object>> outputs = new TreeMap<>();
        for (Output<?> output : info.getDomain()) {
            outputs.computeIfAbsent(output.getSerializableForm(false), name -> new TreeMap<>());
        }
        for (Pair<String, Long> count : info.outputCountsIterable()) {
            outputs.computeIfAbsent(count.getA(), name -> new TreeMap<>()).put("count", count.getB());
        }
        if (info instanceof ImmutableOutputInfo<?> withIds) {
            for (Pair<Integer, ? extends Output<?>> id : withIds) {
                outputs.computeIfAbsent(id.getB().getSerializableForm(false), name -> new TreeMap<>())
                        .put("id", id.getA());
            }
        }
        return outputs;
    }
}
