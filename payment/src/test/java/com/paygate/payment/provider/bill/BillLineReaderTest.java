package com.paygate.payment.provider.bill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillLineReaderTest {

    @Test
    void everyLineEndingAndABom() throws IOException {
        assertEquals(List.of("a", "", "b", "c", "d"), lines(new StringReader("\uFEFFa\n\r\nb\rc\r\nd")));
        assertEquals(List.of("a"), lines(new StringReader("a\r\n")));
        assertEquals(List.of(), lines(new StringReader("")));
    }

    @Test
    void aCrLfSplitAcrossReadsIsOneEnding() throws IOException {
        String text = "x".repeat(20_000) + "\r\n" + "y".repeat(40_000) + "\r\nz";
        // A reader that hands out 7 chars at a time puts the \r and \n in different reads somewhere.
        Reader trickle = new StringReader(text) {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                return super.read(cbuf, off, Math.min(len, 7));
            }
        };
        assertEquals(List.of("x".repeat(20_000), "y".repeat(40_000), "z"), lines(trickle));
    }

    @Test
    void anOverlongLineIsRefusedWithItsNumber() throws IOException {
        BillLineReader reader = new BillLineReader(new StringReader("ok\n" + "x".repeat(BillLineReader.MAX_LINE + 1) + "\n"));
        assertEquals("ok", reader.next());
        assertEquals("line 2: longer than 65536 characters", assertThrows(BillFormatException.class, reader::next).getMessage());
    }

    @Test
    void countsAndAmounts() {
        assertEquals(20, BillValues.count("20.0", "n", 1));
        assertEquals(6000, BillValues.fen("60", "a", 1));
        assertEquals(-27_000, BillValues.units("-0.27000", 5, "fee", 1));
        assertEquals("line 1: a '.5' is not a decimal amount",
                assertThrows(BillFormatException.class, () -> BillValues.fen(".5", "a", 1)).getMessage());
        assertEquals("line 1: a '' is not a decimal amount",
                assertThrows(BillFormatException.class, () -> BillValues.fen("", "a", 1)).getMessage());
        assertEquals("line 1: a '99999999999999999.00' is not a decimal amount",
                assertThrows(BillFormatException.class, () -> BillValues.fen("99999999999999999.00", "a", 1)).getMessage());
    }

    private static List<String> lines(Reader in) throws IOException {
        BillLineReader reader = new BillLineReader(in);
        List<String> lines = new ArrayList<>();
        for (String line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        assertNull(reader.next());
        return lines;
    }
}
