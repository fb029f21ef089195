package io.presence.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.LockSupport;

/**
 * What one thread hand-off costs on this machine: two threads pass a turn back and forth with
 * {@code LockSupport.park/unpark}, the way a container's selector wakes a worker and a worker waits for
 * Redis. Prints, for three rounds, the wall time of one round trip (two hand-offs) and the CPU the
 * main thread spent on it. Run it once free to use both cores and once under {@code taskset -c 0} to
 * see the cross-core wake-up apart from the switch itself.
 * Usage: {@code java bench/src/main/java/io/presence/bench/HandoffProbe.java [round trips=100000]}.
 */
public final class HandoffProbe {

    private static volatile int turn;

    private HandoffProbe() {}

    public static void main(String[] args) throws InterruptedException {
        int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread main = Thread.currentThread();
        for (int round = 0; round < 3; round++) {
            turn = 0;
            Thread partner = new Thread(() -> {
                for (int i = 0; i < roundTrips; i++) {
                    while (turn != 1) {
                        LockSupport.park();
                    }
                    turn = 0;
                    LockSupport.unpark(main);
                }
            });
            partner.start();
            long wallStart = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < roundTrips; i++) {
                turn = 1;
                LockSupport.unpark(partner);
                while (turn != 0) {
                    LockSupport.park();
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long wall = System.nanoTime() - wallStart;
            partner.join();
            System.out.printf(
                    "round trip (two hand-offs): %.1f µs wall, %.1f µs CPU of the main thread%n",
                    wall / 1e3 / roundTrips, cpu / 1e3 / roundTrips);
        }
    }
}
