package io.allocrec.analyzer.load;

import java.util.Arrays;

/**
 * A growable column of longs in fixed-size blocks: appending never copies what is already
 * there, and the slack is at most one block, where a doubling array would copy everything at
 * each growth and carry up to half its size unused. Tens of millions of samples depend on it.
 */
final class SegmentedLongs {

    static final int BLOCK_BITS = 16;
    static final int BLOCK = 1 << BLOCK_BITS;
    private static final int MASK = BLOCK - 1;

    private long[][] blocks = new long[4][];
    private int size;

    void add(long value) {
        int block = size >>> BLOCK_BITS;
        if (block == blocks.length) {
            blocks = Arrays.copyOf(blocks, block * 2);
        }
        if (blocks[block] == null) {
            blocks[block] = new long[BLOCK];
        }
        blocks[block][size & MASK] = value;
        size++;
    }

    long get(int index) {
        return blocks[index >>> BLOCK_BITS][index & MASK];
    }

    void set(int index, long value) {
        blocks[index >>> BLOCK_BITS][index & MASK] = value;
    }

    int size() {
        return size;
    }
}
