package io.presence.bench;

import java.util.Arrays;

/** Recorded latencies in microseconds, with percentiles. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    synchronized int count() {
        return size;
    }

    /** The recorded values in ascending order. */
    synchronized long[] sorted() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds. */
    synchronized double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = sorted();
        int index = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))] / 1000.0;
    }
}
