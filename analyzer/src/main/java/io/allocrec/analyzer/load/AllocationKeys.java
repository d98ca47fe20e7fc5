package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct (class, allocation site) pairs of a recording's samples, numbered, so that a
 * sample stores one int. Class and site names themselves are numbered in {@link NameTable}s.
 */
public final class AllocationKeys {

    /** Site id of a sample without a stack trace. */
    public static final int NO_SITE = -1;

    private final NameTable classes = new NameTable();
    private final NameTable sites = new NameTable();
    private final Map<Long, Integer> ids = new HashMap<>();
    private final List<long[]> pairs = new ArrayList<>();

    int id(int classId, int siteId) {
        long pair = ((long) classId << 32) | (siteId & 0xFFFFFFFFL);
        Integer id = ids.get(pair);
        if (id == null) {
            id = pairs.size();
            ids.put(pair, id);
            pairs.add(new long[] {classId, siteId});
        }
        return id;
    }

    /** Class id of a key, into {@link #classes()}. */
    public int classId(int key) {
        return (int) pairs.get(key)[0];
    }

    /** Site id of a key, into {@link #sites()}, or {@link #NO_SITE}. */
    public int siteId(int key) {
        return (int) pairs.get(key)[1];
    }

    public NameTable classes() {
        return classes;
    }

    public NameTable sites() {
        return sites;
    }
}
