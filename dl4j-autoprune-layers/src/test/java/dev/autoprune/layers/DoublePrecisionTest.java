package dev.autoprune.layers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gradient checks' DOUBLE defaults do not leak into later tests. */
class DoublePrecisionTest {

    @Test
    void theDefaultsAreDoubleInsideAndRestoredAfter() {
        DataType before = Nd4j.dataType();
        DataType beforeFloat = Nd4j.defaultFloatingPointType();
        DoublePrecision extension = new DoublePrecision();
        ExtensionContext context = StoreOnlyContext.create();
        extension.beforeEach(context);
        assertEquals(DataType.DOUBLE, Nd4j.dataType());
        assertEquals(DataType.DOUBLE, Nd4j.defaultFloatingPointType());
        extension.afterEach(context);
        assertEquals(before, Nd4j.dataType());
        assertEquals(beforeFloat, Nd4j.defaultFloatingPointType());
    }

    /** An ExtensionContext that only has a store (all the extension uses). */
    static final class StoreOnlyContext {
        static ExtensionContext create() {
            Map<Object, Object> values = new HashMap<>();
            ExtensionContext.Store store = new ExtensionContext.Store() {
                @Override
                public Object get(Object key) {
                    return values.get(key);
                }

                @Override
                public <V> V get(Object key, Class<V> requiredType) {
                    return requiredType.cast(values.get(key));
                }

                @Override
                public <K, V> Object getOrComputeIfAbsent(K key, java.util.function.Function<K, V> f) {
                    return values.computeIfAbsent(key, k -> f.apply(key));
                }

                @Override
                public <K, V> V getOrComputeIfAbsent(K key, java.util.function.Function<K, V> f, Class<V> type) {
                    return type.cast(values.computeIfAbsent(key, k -> f.apply(key)));
                }

                @Override
                public void put(Object key, Object value) {
                    values.put(key, value);
                }

                @Override
                public Object remove(Object key) {
                    return values.remove(key);
                }

                @Override
                public <V> V remove(Object key, Class<V> requiredType) {
                    return requiredType.cast(values.remove(key));
                }
            };
            return (ExtensionContext) java.lang.reflect.Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                    new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getStore")) {
                            return store;
                        }
                        if (method.getReturnType() == Optional.class) {
                            return Optional.empty();
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
