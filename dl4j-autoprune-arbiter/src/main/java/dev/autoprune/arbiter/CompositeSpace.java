package dev.autoprune.arbiter;

import dev.autoprune.arbiter.impl.SpaceJson;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

/**
 * What this module's two composite parameter spaces share: they are no leaf, count their parameters
 * over their unique leaves, and write themselves with Arbiter's JSON mapper. Each space lists its own
 * leaves ({@link #collectLeaves()}) and reads itself back ({@code fromJson}).
 *
 * @param <T> the type of a draw
 */
abstract class CompositeSpace<T> extends AbstractParameterSpace<T> {

    @Override
    public int numParameters() {
        return LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " is not a leaf: Arbiter sets the indices of its leaves");
    }

    /** This space as JSON (Arbiter's mapper; the space's {@code fromJson(String)} reads it back). */
    public String toJson() {
        return SpaceJson.write(this);
    }
}
