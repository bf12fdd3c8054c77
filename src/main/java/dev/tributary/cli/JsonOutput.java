package dev.tributary.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Option;

/** {@code --json} ({@code @Mixin}): print a command's result as indented JSON instead of text. */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** Prints {@code result} as JSON when {@code --json} was given, else {@code text}. */
    void print(Object result, String text) {
        try {
            System.out.print(json ? MAPPER.writeValueAsString(result) + System.lineSeparator() : text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the result as JSON: " + e.getMessage(), e);
        }
    }
}
