package io.goldbackup.web;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictNumbersTest {

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictNumbers().customize(mapper);
        return mapper;
    }

    @Test
    void jacksonAloneWouldTruncateAFractionToAnInteger() throws JsonProcessingException {
        // Why StrictNumbers exists: backup 1.7 would become backup 1.
        assertEquals(1, new ObjectMapper().readValue("1.7", Integer.class));
    }

    @Test
    void aFractionIsNotAnInteger() {
        ObjectMapper mapper = strict();
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("1.7", Integer.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("1.5", int.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("1.7", Long.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("1.0", Long.class),
                "a whole number written as a fraction is refused too");
    }

    @Test
    void integersStillReadAsIntegers() throws JsonProcessingException {
        ObjectMapper mapper = strict();
        assertEquals(30, mapper.readValue("30", Integer.class));
        assertEquals(9_000_000_000L, mapper.readValue("9000000000", Long.class));
        assertEquals(1.5, mapper.readValue("1.5", Double.class), "fractions still read where fractions belong");
    }
}
