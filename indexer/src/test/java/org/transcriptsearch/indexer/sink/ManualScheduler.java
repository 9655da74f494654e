package org.transcriptsearch.indexer.sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** A clock that moves only when the test says, and the pauses asked of it. */
final class ManualScheduler implements Scheduler {
    private record Task(long due, long order, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::order));
    private long now = 1_000_000_000L;
    private long order;
    final List<Long> pauses = new ArrayList<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void after(long millis, Runnable task) {
        pauses.add(millis);
        tasks.add(new Task(now + millis * 1_000_000, order++, task));
    }

    /** Moves the clock on by {@code millis}, running every task that falls due on the way, in order. */
    void advance(long millis) {
        long until = now + millis * 1_000_000;
        while (!tasks.isEmpty() && tasks.peek().due() <= until) {
            Task t = tasks.poll();
            now = Math.max(now, t.due());
            t.run().run();
        }
        now = until;
    }

    int pending() {
        return tasks.size();
    }
}
