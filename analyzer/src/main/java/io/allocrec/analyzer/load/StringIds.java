package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Distinct strings (scope names, classes, frames) numbered in order of first sight, so that the
 * report carries ints and turns them back into text only where it writes a file. Shared by the
 * threads that parse chunks: a look-up of a known string takes no lock.
 */
public final class StringIds {

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The id of a name, numbering it if it is new. */
    public int id(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        synchronized (names) {
            return ids.computeIfAbsent(name, key -> {
                names.add(key);
                return names.size() - 1;
            });
        }
    }

    public String name(int id) {
        synchronized (names) {
            return names.get(id);
        }
    }

    public int size() {
        synchronized (names) {
            return names.size();
        }
    }
}
