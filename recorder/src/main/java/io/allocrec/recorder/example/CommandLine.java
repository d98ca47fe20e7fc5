package io.allocrec.recorder.example;

/** Option values for the example's {@code main} methods; a bad value is an IllegalArgumentException. */
final class CommandLine {

    private CommandLine() {
    }

    /** The value after the option at {@code args[index - 1]}. */
    static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    /** The integer value after the option at {@code args[index - 1]}, within [min, max]. */
    static int intValue(String[] args, int index, int min, int max) {
        String text = value(args, index);
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(args[index - 1] + " must be an integer from " + min + " to " + max
                + ", not '" + text + "'");
    }
}
