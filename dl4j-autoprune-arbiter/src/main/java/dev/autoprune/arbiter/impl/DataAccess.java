package dev.autoprune.arbiter.impl;

import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.lang.reflect.InvocationTargetException;
import java.util.Properties;

/**
 * Creates Arbiter data sources the way Arbiter does (by class, no-argument constructor, then
 * {@code configure(properties)}) and checks the data they return, with errors that name the class.
 */
public final class DataAccess {

    private DataAccess() {
    }

    /**
     * Instantiates and configures a data source.
     *
     * @param type       the data source class (public, with a public no-argument constructor)
     * @param properties its properties, or null
     * @return the configured instance
     * @throws IllegalArgumentException if it cannot be created, naming the class
     */
    public static DataSource instantiate(Class<? extends DataSource> type, Properties properties) {
        if (type == null) {
            throw new IllegalArgumentException("No data source: give OptimizationConfiguration.Builder.dataSource(...)");
        }
        DataSource ds;
        try {
            ds = type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot create data source " + type.getName()
                    + ": it needs to be a public class with a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("The constructor of data source " + type.getName() + " failed: "
                    + e.getCause(), e.getCause());
        }
        if (properties != null) {
            ds.configure(properties);
        }
        return ds;
    }

    /**
     * Checks that data is a {@link DataSetIterator}.
     *
     * @param data what a data source or provider returned
     * @param what which data, for messages (e.g. {@code "trainData"})
     * @return the iterator
     * @throws IllegalArgumentException naming what was found instead
     */
    public static DataSetIterator iterator(Object data, String what) {
        if (data instanceof DataSetIterator it) {
            return it;
        }
        throw new IllegalArgumentException(what + " must be a DataSetIterator for a MultiLayerNetwork sweep, found "
                + (data == null ? "null" : data.getClass().getName()));
    }
}
