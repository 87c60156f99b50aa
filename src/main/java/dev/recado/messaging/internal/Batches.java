package dev.recado.messaging.internal;

import java.util.ArrayList;
import java.util.List;

/** Reading JDBC batch results back against the rows that were sent. */
final class Batches {

    private Batches() {
    }

    /** The keys whose statement changed a row; {@code counts} as {@code batchUpdate} returns them, in order. */
    static <K> List<K> changed(List<K> keys, int[][] counts) {
        List<K> changed = new ArrayList<>();
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                K key = keys.get(i++);
                if (count > 0) {
                    changed.add(key);
                }
            }
        }
        return changed;
    }
}
