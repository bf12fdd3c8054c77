package dev.tributary.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void shouldTrimFieldsAroundTheDelimiter() throws BadRowException {
        assertArrayEquals(new String[] {"39", "State-gov", ">50K"}, CsvLine.split("39, State-gov,  >50K ", ","));
    }

    @Test
    void shouldSplitOnAMultiCharacterDelimiter() throws BadRowException {
        assertArrayEquals(new String[] {"a,b", "c"}, CsvLine.split("a,b, c", ", "));
    }

    @Test
    void shouldNotEatATabDelimiterAsWhiteSpace() throws BadRowException {
        assertArrayEquals(new String[] {"1", "", "3"}, CsvLine.split("1\t\t 3", "\t"));
    }

    @Test
    void shouldUnquoteRfc4180Fields() throws BadRowException {
        assertArrayEquals(new String[] {"NNW", "a, b", "say \"hi\"", "", "x"},
                CsvLine.split("\"NNW\", \"a, b\" ,\"say \"\"hi\"\"\",\"\",x", ","));
    }

    @Test
    void shouldKeepEmptyTrailingFields() throws BadRowException {
        assertArrayEquals(new String[] {"a", "", ""}, CsvLine.split("a,,", ","));
    }

    @Test
    void shouldRefuseAnUnterminatedQuote() {
        BadRowException e = assertThrows(BadRowException.class, () -> CsvLine.split("1,\"abc", ","));
        assertEquals("unterminated quote starting at character 3", e.getMessage());
    }

    @Test
    void shouldRefuseTextAfterAClosingQuote() {
        assertThrows(BadRowException.class, () -> CsvLine.split("\"ab\"c,d", ","));
    }

    @Test
    void shouldParseOnlyPlainFiniteDecimalsAsNumbers() {
        assertEquals(1000.0, Values.parseNumber("1e3"));
        assertEquals(-0.5, Values.parseNumber("-.5"));
        assertEquals(226802.0, Values.parseNumber("226802"));
        for (String text : new String[] {"NaN", "Infinity", "1d", "0x10", "1-2", "", "-", "1e999", "?"}) {
            assertNull(Values.parseNumber(text), text);
        }
        assertEquals("1-2", Values.featureValue("1-2"));
    }
}
