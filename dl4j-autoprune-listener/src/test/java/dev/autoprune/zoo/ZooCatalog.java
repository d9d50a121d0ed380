package dev.autoprune.zoo;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.AlexNet;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.FaceNetNN4Small2;
import org.deeplearning4j.zoo.model.InceptionResNetV1;
import org.deeplearning4j.zoo.model.LeNet;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SimpleCNN;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.TinyYOLO;
import org.deeplearning4j.zoo.model.UNet;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.VGG19;
import org.deeplearning4j.zoo.model.Xception;
import org.deeplearning4j.zoo.model.YOLO2;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The CNNs of DL4J 1.0.0-M2.1's model zoo as a new user builds them ({@code builder().numClasses(10)}),
 * each with the layers the analysis is expected to report as unsupported, and the reduced input size at
 * which the suite runs it (0: the model is too large to run in a test; analysis and FLOPs only).
 * NASNet is left out: DL4J's own {@code init()} fails ("Cannot calculate activation types if no inputs
 * have been set").
 */
final class ZooCatalog {

    /**
     * One zoo model.
     *
     * @param name        the zoo class name
     * @param build       the model with the given input shape {c, h, w}, or the zoo's default for null
     * @param unsupported the layer names the analysis reports as unsupported
     * @param runSide     the reduced square input side the suite runs the network at; 0 for analysis only
     * @param compact     whether the suite compacts it and compares with the HARD-masked network
     * @param inputScale  the scale of the random test input: the randomly initialised ResNet50 overflows to
     *                    NaN by itself (activations grow ~10x per block), so it runs on small inputs
     * @param wellConditioned whether the run converts the network to double precision and scales its random
     *                    weights by 0.1: InceptionResNetV1 initialises them with standard deviation 0.5, so its
     *                    activations grow ~20x per convolution and float32 rounding alone differs by ~1e-4
     *                    over its depth (~1e-6 in double); so run, compact and HARD masks agree to ~1e-14
     */
    record Entry(String name, Function<int[], ZooModel> build, Set<String> unsupported, int runSide, boolean compact,
                 double inputScale, boolean wellConditioned) {

        Entry(String name, Function<int[], ZooModel> build, Set<String> unsupported, int runSide, boolean compact) {
            this(name, build, unsupported, runSide, compact, 1, false);
        }

        ZooModel model() {
            return build.apply(null);
        }

        ZooModel model(int side) {
            int channels = model().metaData().getInputShape()[0][0];
            return build.apply(new int[] {channels, side, side});
        }

        /** The zoo's own input type, {c, h, w} from its metadata. */
        static InputType inputType(ZooModel m) {
            int[] s = m.metaData().getInputShape()[0];
            return InputType.convolutional(s[1], s[2], s[0]);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ZooCatalog() {
    }

    /** Every entry, or only the one named by the system property {@code zoo.only} (to debug one model). */
    static List<Entry> all() {
        String only = System.getProperty("zoo.only");
        return only == null ? entries() : entries().stream().filter(e -> e.name().equals(only)).toList();
    }

    private static List<Entry> entries() {
        Set<String> none = Set.of();
        return List.of(
                new Entry("LeNet", s -> s == null ? LeNet.builder().numClasses(10).build()
                        : LeNet.builder().numClasses(10).inputShape(s).build(), none, 28, true),
                new Entry("SimpleCNN", s -> s == null ? SimpleCNN.builder().numClasses(10).build()
                        : SimpleCNN.builder().numClasses(10).inputShape(s).build(), none, 32, true),
                new Entry("AlexNet", s -> s == null ? AlexNet.builder().numClasses(10).build()
                        : AlexNet.builder().numClasses(10).inputShape(s).build(), Set.of("layer1", "layer5"), 96, true),
                new Entry("VGG16", s -> s == null ? VGG16.builder().numClasses(10).build()
                        : VGG16.builder().numClasses(10).inputShape(s).build(), none, 32, true),
                new Entry("VGG19", s -> s == null ? VGG19.builder().numClasses(10).build()
                        : VGG19.builder().numClasses(10).inputShape(s).build(), none, 0, false),
                new Entry("ResNet50", s -> s == null ? ResNet50.builder().numClasses(10).build()
                        : ResNet50.builder().numClasses(10).inputShape(s).build(), none, 128, true, 1e-6, false),
                new Entry("SqueezeNet", s -> s == null ? SqueezeNet.builder().numClasses(10).build()
                        : SqueezeNet.builder().numClasses(10).inputShape(s).build(), none, 64, true),
                new Entry("Darknet19", s -> s == null ? Darknet19.builder().numClasses(10).build()
                        : Darknet19.builder().numClasses(10).inputShape(s).build(), none, 64, true),
                new Entry("TinyYOLO", s -> s == null ? TinyYOLO.builder().numClasses(10).build()
                        : TinyYOLO.builder().numClasses(10).inputShape(s).build(), none, 64, true),
                new Entry("YOLO2", s -> s == null ? YOLO2.builder().numClasses(10).build()
                        : YOLO2.builder().numClasses(10).inputShape(s).build(), Set.of("rearrange_21"), 64, true),
                new Entry("UNet", s -> s == null ? UNet.builder().numClasses(10).build()
                        : UNet.builder().numClasses(10).inputShape(s).build(), none, 32, true),
                new Entry("Xception", s -> s == null ? Xception.builder().numClasses(10).build()
                        : Xception.builder().numClasses(10).inputShape(s).build(), none, 71, true),
                new Entry("InceptionResNetV1", s -> s == null ? InceptionResNetV1.builder().numClasses(10).build()
                        : InceptionResNetV1.builder().numClasses(10).inputShape(s).build(), none, 96, true, 1, true),
                new Entry("FaceNetNN4Small2", s -> s == null ? FaceNetNN4Small2.builder().numClasses(10).build()
                        : FaceNetNN4Small2.builder().numClasses(10).inputShape(s).build(),
                        Set.of("stem-lrn1", "inception-2-lrn1"), 96, true));
    }

    /** {@code init()}, as a MultiLayerNetwork or a ComputationGraph. */
    static Model init(ZooModel m) {
        Model net = m.init();
        if (!(net instanceof MultiLayerNetwork) && !(net instanceof ComputationGraph)) {
            throw new IllegalStateException("unexpected network type " + net.getClass());
        }
        return net;
    }
}
