package io.allocrec.analyzer.aggregate;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a budget file: CSV with the header {@code scope,metric,limit}, one budget per line. */
public final class BudgetFile {

    /** A budget file that cannot be used, with the reason in one line. */
    public static final class BadBudget extends Exception {
        private static final long serialVersionUID = 1L;

        BadBudget(String message) {
            super(message);
        }
    }

    private static final List<String> HEADER = List.of("scope", "metric", "limit");

    private BudgetFile() {
    }

    public static List<Budget> read(Reader source) throws IOException, BadBudget {
        Reader in = withoutByteOrderMark(source);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        List<Budget> budgets = new ArrayList<>();
        try (CSVParser csv = CSVParser.parse(in, format)) {
            if (csv.getHeaderNames().isEmpty()) {
                throw new BadBudget("is empty: it needs the header scope,metric,limit and a budget per line");
            }
            if (!csv.getHeaderNames().equals(HEADER)) {
                throw new BadBudget("the header must be scope,metric,limit, not " + String.join(",", csv.getHeaderNames()));
            }
            for (CSVRecord record : csv) {
                long line = csv.getCurrentLineNumber(); // the file's line, blank lines counted
                if (record.size() != HEADER.size()) {
                    throw new BadBudget("line " + line + ": expected 3 fields (scope,metric,limit), found " + record.size()
                            + (record.size() > HEADER.size() ? " (quote a scope name that holds a comma: \"GET /a, b\")" : ""));
                }
                Budget.Metric metric = Budget.Metric.named(record.get("metric")).orElseThrow(() -> new BadBudget(
                        "line " + line + ": unknown metric '" + record.get("metric") + "'; metrics: "
                                + Arrays.stream(Budget.Metric.values()).map(Enum::name).collect(Collectors.joining(", "))));
                budgets.add(new Budget(record.get("scope"), metric, limit(record.get("limit"), line), line));
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new BadBudget("not CSV with the header scope,metric,limit: " + e.getMessage());
        }
        if (budgets.isEmpty()) {
            throw new BadBudget("no budgets (only a header, or empty)");
        }
        return budgets;
    }

    /** Spreadsheets save "CSV UTF-8" with a byte order mark; it is not part of the header. */
    private static Reader withoutByteOrderMark(Reader source) throws IOException {
        PushbackReader in = new PushbackReader(source, 1);
        int first = in.read();
        if (first >= 0 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    private static long limit(String text, long line) throws BadBudget {
        try {
            long limit = Long.parseLong(text.replace("_", ""));
            if (limit < 0) {
                throw new BadBudget("line " + line + ": the limit must not be negative: " + text);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new BadBudget("line " + line + ": the limit must be a whole number of bytes or calls, not '" + text + "'");
        }
    }
}
