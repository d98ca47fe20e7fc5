package io.allocrec.analyzer;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a report's CSV back with a real CSV parser. */
public record CsvRows(List<String> header, List<CSVRecord> rows) {

    public static CsvRows read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return new CsvRows(parser.getHeaderNames(), parser.getRecords());
        }
    }

    /** The one row whose first column (the scenario or scope name) is {@code name}. */
    public CSVRecord only(String name) {
        List<CSVRecord> matching = rows.stream().filter(row -> row.get(0).equals(name)).toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " rows named " + name + " in " + rows);
        }
        return matching.get(0);
    }

    public static long bytes(CSVRecord row, String column) {
        return Long.parseLong(row.get(column));
    }
}
