package dev.autoprune.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The one test that reads the embedded resource. */
class EmbeddedFashionMnistTest {

    @Test
    void subsetIsBalancedAndIteratesAsFashionMnist() {
        LabeledImages train = EmbeddedFashionMnist.load(FashionMnist.Split.TRAIN);
        LabeledImages test = EmbeddedFashionMnist.load(FashionMnist.Split.TEST);
        assertEquals(6000, train.size());
        assertEquals(1000, test.size());
        for (int c = 0; c < FashionMnist.NUM_CLASSES; c++) {
            assertEquals(EmbeddedFashionMnist.TRAIN_PER_CLASS, train.classCounts()[c]);
            assertEquals(EmbeddedFashionMnist.TEST_PER_CLASS, test.classCounts()[c]);
        }

        LabeledImagesIterator it = EmbeddedFashionMnist.train(128, 7);
        DataSet batch = it.next();
        assertArrayEquals(new long[] {128, 1, 28, 28}, batch.getFeatures().shape());
        assertArrayEquals(new long[] {128, 10}, batch.getLabels().shape());
        double mean = batch.getFeatures().meanNumber().doubleValue();
        assertTrue(mean > 0.15 && mean < 0.5, "mean pixel of real clothing images, found " + mean);
        assertEquals(1000, EmbeddedFashionMnist.test(1000).next().numExamples());
    }

    @Test
    void licenceNoticeShipsNextToTheData() throws IOException {
        try (InputStream in = EmbeddedFashionMnist.class.getResourceAsStream(
                EmbeddedFashionMnist.LICENSE_RESOURCE)) {
            assertNotNull(in, EmbeddedFashionMnist.LICENSE_RESOURCE);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("Copyright (c) 2017 Zalando SE"));
            assertTrue(text.contains("The MIT License"));
            assertTrue(text.contains("Permission is hereby granted, free of charge"));
        }
    }
}
