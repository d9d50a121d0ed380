package dev.autoprune.cost;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thread CPU clock leaves out time the thread does not run; it is refused for more than one thread. */
class TimerClockTest {

    @Test
    void threadCpuTimeLeavesOutSleepingAndCountsWork() throws InterruptedException {
        TimerClock.THREAD_CPU.checkUsable(1);
        long cpu0 = TimerClock.THREAD_CPU.nanos();
        long wall0 = TimerClock.WALL.nanos();
        Thread.sleep(200);
        long sleptCpu = TimerClock.THREAD_CPU.nanos() - cpu0;
        assertTrue(TimerClock.WALL.nanos() - wall0 >= 200_000_000L, "the wall clock counts the sleep");
        assertTrue(sleptCpu < 100_000_000L, "the thread's CPU time leaves the sleep out: " + sleptCpu + " ns");
        long busy0 = TimerClock.THREAD_CPU.nanos();
        double x = 0;
        for (int i = 0; i < 20_000_000; i++) {
            x += Math.sqrt(i);
        }
        assertTrue(x > 0 && TimerClock.THREAD_CPU.nanos() > busy0, "work advances the thread's CPU time");
    }

    @Test
    void threadCpuTimeIsRefusedForMoreThanOneThread() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TimerClock.THREAD_CPU.checkUsable(2));
        assertTrue(e.getMessage().contains("OMP_NUM_THREADS=1"), e.getMessage());
        TimerClock.WALL.checkUsable(2);
    }

    @Test
    void aThreadCpuTimerKeysItsCacheApartAndTimesOnlyWithOneThread() {
        Nd4jLayerTimer cpu = new Nd4jLayerTimer(0, 1, TimerClock.THREAD_CPU);
        assertEquals(new Nd4jLayerTimer(0, 1).backend() + "/thread-cpu", cpu.backend());
        DenseLayer layer = new DenseLayer.Builder().nOut(4).build();
        if (Nd4j.getEnvironment().maxThreads() == 1) {
            assertTrue(cpu.seconds(layer, InputType.feedForward(8), 2) > 0);
        } else {
            assertThrows(IllegalStateException.class, () -> cpu.seconds(layer, InputType.feedForward(8), 2));
        }
    }
}
