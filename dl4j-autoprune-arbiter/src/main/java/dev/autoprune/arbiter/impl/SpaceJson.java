package dev.autoprune.arbiter.impl;

import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for the parameter spaces of this module, through Arbiter's own mapper so that nested Arbiter
 * spaces (fixed, continuous, integer, discrete, layer and network spaces) are written the way
 * Arbiter writes them.
 */
public final class SpaceJson {

    private SpaceJson() {
    }

    /**
     * Writes a space as JSON.
     *
     * @param space the space
     * @return its JSON
     * @throws UncheckedIOException if Jackson cannot write it
     */
    public static String write(Object space) {
        try {
            return JsonMapper.getMapper().writeValueAsString(space);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + space.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a space from JSON.
     *
     * @param json the JSON written by {@link #write(Object)}
     * @param type the expected class
     * @param <T>  the space type
     * @return the space
     * @throws IllegalArgumentException if the JSON does not describe a {@code type}
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return JsonMapper.getMapper().readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read a " + type.getSimpleName() + " from JSON: "
                    + e.getMessage(), e);
        }
    }
}
