package dev.autoprune.cost;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The clock a layer or network is timed with. {@link #WALL} is what a user waits for on a quiet machine;
 * {@link #THREAD_CPU} is the calling thread's CPU time, which leaves out the time other processes hold
 * the cores, so a machine shared with other work times a layer as a quiet one would. With one ND4J
 * thread ({@code OMP_NUM_THREADS=1}) the operations run on the calling thread, so its CPU time is their
 * compute time; with more threads it would leave out their work, so it is refused then.
 */
public enum TimerClock {
    /** {@link System#nanoTime()}. */
    WALL,
    /** The calling thread's CPU time; one ND4J thread only. */
    THREAD_CPU;

    /** Nanoseconds on this clock (an arbitrary origin; differences only). */
    public long nanos() {
        if (this == WALL) {
            return System.nanoTime();
        }
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * Checks that this clock can time ND4J work with {@code threads} threads here.
     *
     * @throws IllegalStateException for {@link #THREAD_CPU} with more than one thread, or where the JVM cannot
     *                               measure thread CPU time
     */
    public void checkUsable(int threads) {
        if (this == WALL) {
            return;
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("TimerClock.THREAD_CPU: this JVM cannot measure thread CPU time; time with "
                    + "TimerClock.WALL.");
        }
        if (threads != 1) {
            throw new IllegalStateException("TimerClock.THREAD_CPU measures one thread, but ND4J runs " + threads
                    + " threads; set OMP_NUM_THREADS=1 or time with TimerClock.WALL.");
        }
        if (!bean.isThreadCpuTimeEnabled()) {
            bean.setThreadCpuTimeEnabled(true);
        }
    }

    /** How the clock is named in tables and cache keys. */
    public String label() {
        return this == WALL ? "wall" : "thread-cpu";
    }
}
