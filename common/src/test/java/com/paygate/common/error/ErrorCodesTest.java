package com.paygate.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/error-codes.md is the one list of error codes, and it is complete and true: every code the services'
 * code can answer is in it, every code in it is answered somewhere, and the committed API documents name each
 * (so an integrator finds it on the operations that answer it).
 */
class ErrorCodesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SERVICES = Set.of("common", "eventing", "order", "payment", "notifier");
    /** ApiException.conflict("CODE", new ApiException(409, "CODE", super(409, "CODE", new Problem(..., "CODE". */
    private static final Pattern ANSWERED = Pattern.compile(
            "(?:ApiException\\.[a-zA-Z]+\\(|new ApiException\\(\\s*\\d+,|super\\(\\s*\\d+,)\\s*\"([A-Z][A-Z0-9_]+)\""
                    + "|new Problem\\([^\\n]*?\"([A-Z][A-Z0-9_]+)\"(?:, errors)?\\)");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_<>a-z]*)` \\|");

    @Test
    void theTableListsExactlyTheCodesTheServicesAnswer() throws IOException {
        Set<String> table = table();
        Set<String> answered = answered();
        assertTrue(answered.size() > 25, "the scan found the codes: " + answered);
        Set<String> missing = new TreeSet<>(answered);
        missing.removeAll(table);
        assertEquals(Set.of(), missing, "answered by the code but not in docs/error-codes.md");
        Set<String> unused = new TreeSet<>(table);
        unused.removeAll(answered);
        unused.remove("HTTP_<status>"); // built from the status in ProblemMappers
        assertEquals(Set.of(), unused, "in docs/error-codes.md but answered nowhere");
    }

    @Test
    void theApiDocumentsNameEveryCode() throws IOException {
        StringBuilder documents = new StringBuilder();
        for (String service : new String[] { "order", "payment", "notifier" }) {
            documents.append(Files.readString(ROOT.resolve("docs/openapi/" + service + ".yaml"), StandardCharsets.UTF_8));
        }
        Set<String> undocumented = new TreeSet<>();
        for (String code : table()) {
            if (!code.startsWith("HTTP_") && !code.equals("BODY_TOO_LARGE")
                    && !Pattern.compile("\\b" + code + "\\b").matcher(documents).find()) {
                undocumented.add(code);
            }
        }
        assertEquals(Set.of(), undocumented, "codes no operation in docs/openapi documents");
    }

    private static Set<String> table() throws IOException {
        Set<String> codes = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(Files.readString(ROOT.resolve("docs/error-codes.md"), StandardCharsets.UTF_8));
        while (row.find()) {
            assertTrue(codes.add(row.group(1)), "listed twice: " + row.group(1));
        }
        return codes;
    }

    private static Set<String> answered() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (String module : SERVICES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module + "/src/main/java"))) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    Matcher m = ANSWERED.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        codes.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
        }
        return codes;
    }
}
