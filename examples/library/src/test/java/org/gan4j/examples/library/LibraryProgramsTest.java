package org.gan4j.examples.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The library programs, run as a user would run them, with what they print checked. */
class LibraryProgramsTest {

    /** Runs a program's main and returns what it printed. */
    private static String run(ThrowingMain main) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return text;
    }

    private interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void aGan4jLossAndPenaltyTrainADjlLoopOfOnesOwn() throws Exception {
        String out = run(() -> LossInMyLoop.main(new String[0]));
        Matcher m = Pattern.compile("generated mean \\((-?[0-9.]+), (-?[0-9.]+)\\)").matcher(out);
        assertTrue(m.find(), out);
        // The generator starts near the origin; trained by the loop it moves its samples to the data's mean.
        assertEquals(3, Double.parseDouble(m.group(1)), 0.75, out);
        assertEquals(3, Double.parseDouble(m.group(2)), 0.75, out);
    }
}
