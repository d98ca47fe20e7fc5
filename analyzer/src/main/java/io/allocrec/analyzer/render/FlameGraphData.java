package io.allocrec.analyzer.render;

import io.allocrec.analyzer.aggregate.StackProfile;
import io.allocrec.analyzer.load.LongIntMap;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The flame graphs of a page as JSON: one table of frame names (each with its kind) shared by
 * every scope name, and per scope name a trie in preorder as parallel arrays: name index, depth
 * and the node's own sampled bytes (non-zero only where stacks end, at the allocated class; the
 * page sums them into each frame's total). Root the scope name, then the frames outermost first,
 * then the allocated class. Prefixes shared by many stacks are stored once, children largest
 * first.
 *
 * <p>A differential trie adds the base side's bytes per node. Its widths are the new side's, so a
 * path the new side lacks would have no width: it is left out, and its base bytes are counted in
 * its parent's, so every frame's base total stays right.
 *
 * <p>The trie lives in primitive arrays with a primitive child index, about 100 bytes a node at
 * the peak (arrays grown by doubling, the index, the sort order): 1.3 million nodes, 50,000
 * stacks 30 frames deep with little shared, take about 130 MB.
 */
final class FlameGraphData {

    /** Kinds of frame, as the page colours them. */
    static final int APPLICATION = 0;
    static final int JDK = 1;
    static final int ALLOCATED_CLASS = 2;
    static final int SCOPE = 3;
    static final int OTHER = 4;

    private record Name(int kind, String text) {
        // Written out: a record's own equals and hashCode are bootstrapped through method handles,
        // which spun classes at the first call, a fixed cost of every report.
        @Override
        public boolean equals(Object other) {
            return other instanceof Name that && kind == that.kind && Objects.equals(text, that.text);
        }

        @Override
        public int hashCode() {
            return 31 * kind + Objects.hashCode(text);
        }
    }

    private final Map<Name, Integer> ids = new HashMap<>();
    private final List<Name> names = new ArrayList<>();
    private final Map<String, Integer> roots = new HashMap<>();
    private final LongIntMap childOf = new LongIntMap(1 << 12);
    private final boolean differential;
    private int[] name = new int[1 << 12];
    private int[] parent = new int[1 << 12];
    private long[] bytes = new long[1 << 12];
    private long[] base = new long[1 << 12];
    private int count;

    private FlameGraphData(boolean differential) {
        this.differential = differential;
    }

    /** One flame graph per scope name of the profile, largest first. */
    static void writeProfile(StackProfile profile, Writer out) throws IOException {
        FlameGraphData data = new FlameGraphData(false);
        profile.stacks().forEach(stack -> data.add(stack, false));
        data.write(profile.scopes(), out);
    }

    /** One differential flame graph per scope name of either side: the new side's first, largest first. */
    static void writeDifference(StackProfile baseProfile, StackProfile newProfile, Writer out) throws IOException {
        FlameGraphData data = new FlameGraphData(true);
        baseProfile.stacks().forEach(stack -> data.add(stack, true));
        newProfile.stacks().forEach(stack -> data.add(stack, false));
        Set<String> scopes = new LinkedHashSet<>(newProfile.scopes());
        scopes.addAll(baseProfile.scopes());
        data.write(List.copyOf(scopes), out);
    }

    /**
     * Whether a method is the JDK's, by its package. A profile keeps no class loader per frame, so
     * this is the package rule the loader falls back on for recordings without loaders.
     */
    static boolean isJdkMethod(String method) {
        return method.startsWith("java.") || method.startsWith("javax.") || method.startsWith("jdk.")
                || method.startsWith("sun.") || method.startsWith("com.sun.");
    }

    private void add(StackProfile.Stack stack, boolean baseSide) {
        Integer root = roots.get(stack.scope());
        if (root == null) {
            root = newNode(-1, id(SCOPE, stack.scope()));
            roots.put(stack.scope(), root);
        }
        int node = root;
        for (String frame : stack.frames()) {
            int kind = frame.equals(StackProfile.NO_STACK) ? OTHER : isJdkMethod(frame) ? JDK : APPLICATION;
            node = child(node, id(kind, frame));
        }
        node = child(node, id(ALLOCATED_CLASS, stack.allocatedClass()));
        if (baseSide) {
            base[node] += stack.sampledBytes();
        } else {
            bytes[node] += stack.sampledBytes();
        }
    }

    private int child(int node, int childName) {
        long key = ((long) node << 32) | childName;
        int child = childOf.get(key, -1);
        if (child < 0) {
            child = newNode(node, childName);
            childOf.put(key, child);
        }
        return child;
    }

    private int newNode(int parentNode, int nodeName) {
        if (count == name.length) {
            int grown = count * 2;
            name = Arrays.copyOf(name, grown);
            parent = Arrays.copyOf(parent, grown);
            bytes = Arrays.copyOf(bytes, grown);
            base = Arrays.copyOf(base, grown);
        }
        name[count] = nodeName;
        parent[count] = parentNode;
        return count++;
    }

    private int id(int kind, String text) {
        // No computeIfAbsent: under C1 a capturing lambda made per frame is a method-handle call
        // and a native allocation.
        Name name = new Name(kind, text);
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            names.add(name);
            ids.put(name, id);
        }
        return id;
    }

    private void write(List<String> scopes, Writer out) throws IOException {
        Tree tree = new Tree();
        out.write("{\"mode\":\"");
        out.write(differential ? "diff" : "single");
        out.write("\",\"names\":[");
        for (int i = 0; i < names.size(); i++) {
            out.write(i > 0 ? "," : "");
            out.write(JsonText.string(names.get(i).text()));
        }
        out.write("],\"kinds\":[");
        for (int i = 0; i < names.size(); i++) {
            out.write(i > 0 ? "," : "");
            out.write(Integer.toString(names.get(i).kind()));
        }
        out.write("],\"scopes\":[");
        for (int i = 0; i < scopes.size(); i++) {
            out.write(i > 0 ? "," : "");
            writeTrie(scopes.get(i), tree.preorder(roots.get(scopes.get(i))), out);
        }
        out.write("]}");
    }

    private void writeTrie(String scope, int[][] preorder, Writer out) throws IOException {
        int[] nodes = preorder[0];
        int[] depths = preorder[1];
        out.write("{\"name\":");
        out.write(JsonText.string(scope));
        out.write(",\"frame\":[");
        for (int i = 0; i < nodes.length; i++) {
            out.write(i > 0 ? "," : "");
            out.write(Integer.toString(name[nodes[i]]));
        }
        out.write("],\"depth\":[");
        for (int i = 0; i < nodes.length; i++) {
            out.write(i > 0 ? "," : "");
            out.write(Integer.toString(depths[i]));
        }
        writeSelf(differential ? "new" : "self", bytes, nodes, out);
        if (differential) {
            writeSelf("base", base, nodes, out);
        }
        out.write("]}");
    }

    private static void writeSelf(String field, long[] self, int[] nodes, Writer out) throws IOException {
        out.write("],\"" + field + "\":[");
        for (int i = 0; i < nodes.length; i++) {
            out.write(i > 0 ? "," : "");
            out.write(Long.toString(self[nodes[i]]));
        }
    }

    /** The children of every node, largest first, and the totals they are sorted by. */
    private final class Tree {
        final long[] total = new long[count];
        final long[] baseTotal = new long[count];
        final int[] firstChild = new int[count + 1];
        final int[] children = new int[count];

        Tree() {
            // Children are numbered after their parents, so one backward pass sums every subtree.
            for (int i = count - 1; i >= 0; i--) {
                total[i] += bytes[i];
                baseTotal[i] += base[i];
                if (parent[i] >= 0) {
                    total[parent[i]] += total[i];
                    baseTotal[parent[i]] += baseTotal[i];
                    firstChild[parent[i] + 1]++;
                }
            }
            for (int i = 0; i < count; i++) {
                firstChild[i + 1] += firstChild[i];
            }
            int[] filled = Arrays.copyOf(firstChild, count);
            for (int i = 0; i < count; i++) {
                if (parent[i] >= 0) {
                    children[filled[parent[i]]++] = i;
                }
            }
            if (differential) {
                // A path only the base side has is left out: its base bytes go to the parent's own.
                for (int i = 0; i < count; i++) {
                    boolean parentKept = parent[i] >= 0 && (total[parent[i]] > 0 || parent[parent[i]] < 0);
                    if (parentKept && total[i] == 0 && baseTotal[i] > 0) {
                        base[parent[i]] += baseTotal[i];
                    }
                }
            }
        }

        /** The nodes under {@code root} in preorder with their depths, largest child first. */
        int[][] preorder(int root) {
            int[] nodes = new int[16];
            int[] depths = new int[16];
            int size = 0;
            int[] stack = new int[16];
            int[] stackDepth = new int[16];
            int top = 0;
            stack[top] = root;
            stackDepth[top++] = 0;
            while (top > 0) {
                int node = stack[--top];
                int depth = stackDepth[top];
                if (size == nodes.length) {
                    nodes = Arrays.copyOf(nodes, size * 2);
                    depths = Arrays.copyOf(depths, size * 2);
                }
                nodes[size] = node;
                depths[size++] = depth;
                int[] kept = sortedChildren(node);
                if (top + kept.length > stack.length) {
                    stack = Arrays.copyOf(stack, Math.max(stack.length * 2, top + kept.length));
                    stackDepth = Arrays.copyOf(stackDepth, stack.length);
                }
                for (int k = kept.length - 1; k >= 0; k--) {
                    stack[top] = kept[k];
                    stackDepth[top++] = depth + 1;
                }
            }
            return new int[][] {Arrays.copyOf(nodes, size), Arrays.copyOf(depths, size)};
        }

        /** Children with bytes (on the new side of a diff), largest first, then by base bytes and name. */
        private int[] sortedChildren(int node) {
            int from = firstChild[node];
            int to = firstChild[node + 1];
            int kept = 0;
            int[] sorted = new int[to - from];
            for (int k = from; k < to; k++) {
                if (total[children[k]] > 0) {
                    sorted[kept++] = children[k];
                }
            }
            Integer[] boxed = new Integer[kept];
            for (int k = 0; k < kept; k++) {
                boxed[k] = sorted[k];
            }
            Arrays.sort(boxed, (a, b) -> total[a] != total[b] ? Long.compare(total[b], total[a])
                    : baseTotal[a] != baseTotal[b] ? Long.compare(baseTotal[b], baseTotal[a])
                    : names.get(name[a]).text().compareTo(names.get(name[b]).text()));
            for (int k = 0; k < kept; k++) {
                sorted[k] = boxed[k];
            }
            return Arrays.copyOf(sorted, kept);
        }
    }
}
