package io.allocrec.analyzer.attribute;

/** A stable merge sort of int indices by a comparator on them, without boxing. */
final class IndexSort {

    /** Compares two indices. */
    @FunctionalInterface
    interface IndexComparator {
        int compare(int x, int y);
    }

    private IndexSort() {
    }

    static void sort(int[] indices, IndexComparator comparator) {
        int[] scratch = new int[indices.length];
        for (int width = 1; width < indices.length; width *= 2) {
            for (int low = 0; low < indices.length; low += 2 * width) {
                int middle = Math.min(low + width, indices.length);
                int high = Math.min(low + 2 * width, indices.length);
                int left = low;
                int right = middle;
                for (int out = low; out < high; out++) {
                    if (right >= high || left < middle && comparator.compare(indices[left], indices[right]) <= 0) {
                        scratch[out] = indices[left++];
                    } else {
                        scratch[out] = indices[right++];
                    }
                }
            }
            System.arraycopy(scratch, 0, indices, 0, indices.length);
        }
    }
}
