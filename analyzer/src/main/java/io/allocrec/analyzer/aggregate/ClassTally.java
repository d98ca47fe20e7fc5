package io.allocrec.analyzer.aggregate;

import io.allocrec.analyzer.load.LongIntMap;
import io.allocrec.analyzer.load.StackTable;
import io.allocrec.analyzer.load.StringIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Sampled bytes per scope name and full stack trace (with the allocated class): what a scope
 * allocates and where. From sample weights, so these are sampled figures, nested scopes excluded.
 * Memory grows with the distinct (name, class, stack) triples, not with the samples; a sample
 * costs one look-up in a primitive hash table.
 */
public final class ClassTally {

    /** Sampled bytes and sample count of one class, site or stack within one scope name. */
    public record Entry(String scope, String what, long sampledBytes, long samples) {
    }

    private final StringIds scopeNames;
    private final StackTable stacks;
    private final LongIntMap index = new LongIntMap(1 << 12);
    private final Set<Integer> names = new LinkedHashSet<>();
    private int[] nameOf = new int[1 << 12];
    private int[] keyOf = new int[1 << 12];
    private long[] bytes = new long[1 << 12];
    private long[] samples = new long[1 << 12];
    private int count;
    /**
     * Per key, the name it was last tallied under and that pair's slot: a stack nearly always
     * allocates in one scope, so most samples skip the hash table (a tenth of the attribution
     * thread's time went to it). A slot of 0 in {@code slotAfterKey} means none yet.
     */
    private int[] lastNameOfKey = new int[1 << 12];
    private int[] slotAfterKey = new int[1 << 12];

    ClassTally(StringIds scopeNames, StackTable stacks) {
        this.scopeNames = scopeNames;
        this.stacks = stacks;
    }

    void add(int nameId, int key, long weight) {
        int slot = key >= 0 && key < slotAfterKey.length && lastNameOfKey[key] == nameId ? slotAfterKey[key] - 1 : -1;
        if (slot < 0) {
            slot = slotOf(nameId, key);
        }
        bytes[slot] += weight;
        samples[slot]++;
    }

    private int slotOf(int nameId, int key) {
        long pair = ((long) nameId << 32) | (key & 0xFFFFFFFFL);
        int slot = index.get(pair, -1);
        if (slot < 0) {
            slot = newSlot(nameId, key);
            index.put(pair, slot);
        }
        if (key >= 0) {
            if (key >= slotAfterKey.length) {
                int grown = Math.max(key + 1, 2 * slotAfterKey.length);
                lastNameOfKey = Arrays.copyOf(lastNameOfKey, grown);
                slotAfterKey = Arrays.copyOf(slotAfterKey, grown);
            }
            lastNameOfKey[key] = nameId;
            slotAfterKey[key] = slot + 1;
        }
        return slot;
    }

    private int newSlot(int nameId, int key) {
        if (count == bytes.length) {
            int grown = count * 2;
            nameOf = Arrays.copyOf(nameOf, grown);
            keyOf = Arrays.copyOf(keyOf, grown);
            bytes = Arrays.copyOf(bytes, grown);
            samples = Arrays.copyOf(samples, grown);
        }
        nameOf[count] = nameId;
        keyOf[count] = key;
        names.add(nameId);
        return count++;
    }

    /** Every (scope name, stack, class) with its sampled bytes, samples outside scopes included. */
    public StackProfile stackProfile() {
        List<StackProfile.Stack> stacksOfNames = new ArrayList<>(count);
        Map<Integer, List<String>> framesOfStack = new HashMap<>();
        MethodTexts methodTexts = new MethodTexts();
        for (int i = 0; i < count; i++) {
            int stack = stacks.stackOf(keyOf[i]);
            List<String> frames = framesOfStack.computeIfAbsent(stack, id -> framesOutermostFirst(id, methodTexts));
            String scope = nameOf[i] < 0 ? StackProfile.OUTSIDE : scopeNames.name(nameOf[i]);
            stacksOfNames.add(new StackProfile.Stack(scope, frames, stacks.classes().name(stacks.classOf(keyOf[i])),
                    bytes[i], samples[i]));
        }
        return StackProfile.of(stacksOfNames);
    }

    private List<String> framesOutermostFirst(int stack, MethodTexts methodTexts) {
        if (stack == StackTable.NO_STACK) {
            return List.of(StackProfile.NO_STACK);
        }
        int[] methods = stacks.methodIds(stack);
        String[] frames = new String[methods.length];
        for (int frame = 0; frame < methods.length; frame++) {
            frames[methods.length - 1 - frame] = methodTexts.of(methods[frame]);
        }
        return List.of(frames);
    }

    /** Each method's text as a frame, made once: a method is in many stacks. */
    private final class MethodTexts {
        private String[] texts = new String[1024];

        String of(int method) {
            if (method >= texts.length) {
                texts = Arrays.copyOf(texts, Math.max(method + 1, texts.length * 2));
            }
            if (texts[method] == null) {
                texts[method] = withoutLambdaIds(stacks.methodName(method));
            }
            return texts[method];
        }
    }

    /**
     * A lambda's hidden class is numbered per run ({@code Main$$Lambda$20/0x00007f67...}): without
     * the numbers, one lambda is one frame across runs, so flame graphs merge it and diffs match it.
     */
    static String withoutLambdaIds(String method) {
        return method.contains("$$Lambda") ? LAMBDA_IDS.matcher(method).replaceAll("\\$\\$Lambda") : method;
    }

    private static final Pattern LAMBDA_IDS = Pattern.compile("\\$\\$Lambda(\\$\\d+)?([+/.]0x[0-9a-fA-F]+)?(\\.\\d+)?");

    /** Every class of every scope name (samples outside scopes left out), largest first within each name. */
    public List<Entry> classes() {
        return names.stream().filter(id -> id >= 0)
                .flatMap(id -> topClasses(id, Integer.MAX_VALUE).stream()).toList();
    }

    /** The {@code limit} largest classes of one scope name. */
    public List<Entry> topClasses(int nameId, int limit) {
        return top(nameId, key -> stacks.classes().name(stacks.classOf(key)), limit);
    }

    /** The {@code limit} largest allocation sites (top application frames) of one scope name. */
    public List<Entry> topSites(int nameId, int limit) {
        return top(nameId, key -> {
            int stack = stacks.stackOf(key);
            int frame = stack == StackTable.NO_STACK ? -1 : stacks.topApplicationFrame(stack);
            return frame < 0 ? "(no stack trace)" : stacks.frame(stack, frame);
        }, limit);
    }

    private List<Entry> top(int nameId, IntFunction<String> whatOfKey, int limit) {
        Map<String, long[]> merged = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (nameOf[i] == nameId) {
                long[] sum = merged.computeIfAbsent(whatOfKey.apply(keyOf[i]), what -> new long[2]);
                sum[0] += bytes[i];
                sum[1] += samples[i];
            }
        }
        String scope = nameId < 0 ? StackProfile.OUTSIDE : scopeNames.name(nameId);
        return merged.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(limit)
                .map(e -> new Entry(scope, e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }
}
