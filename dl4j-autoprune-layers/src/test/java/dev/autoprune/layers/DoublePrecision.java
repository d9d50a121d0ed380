package dev.autoprune.layers;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs each test with ND4J's default data types set to DOUBLE (gradient checks need it) and restores
 * the previous defaults afterwards, so that later tests in the same JVM do not depend on the order.
 * Use with {@code @ExtendWith(DoublePrecision.class)}.
 */
final class DoublePrecision implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DoublePrecision.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("previous", new DataType[] {Nd4j.dataType(), Nd4j.defaultFloatingPointType()});
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        DataType[] previous = context.getStore(NS).remove("previous", DataType[].class);
        Nd4j.setDefaultDataTypes(previous[0], previous[1]);
    }
}
