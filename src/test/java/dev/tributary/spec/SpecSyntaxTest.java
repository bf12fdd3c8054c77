package dev.tributary.spec;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** YAML that does not parse, or is not one mapping, is refused with the line and column of the problem. */
class SpecSyntaxTest {
    private static SpecException refused(String yaml) {
        return assertThrows(SpecException.class, () -> SpecLoader.parse(yaml, "x.yaml", Path.of(".")));
    }

    @Test
    void shouldGiveLineAndColumnOfTabIndentation() {
        SpecException e = refused("name: demo\ntasks:\n\t- {name: a, kind: binary}\n");

        assertTrue(e.getMessage().startsWith("x.yaml: YAML syntax error at line 3, column 1: "), e.getMessage());
        assertTrue(e.getMessage().contains("TAB"), e.getMessage());
        assertEquals("", e.keyPath());
    }

    @Test
    void shouldGiveLineOfAnUnclosedFlowSequence() {
        SpecException e = refused("name: demo\nmodel: {family: mmoe, encoder: [64, 32}\nseed: 1\n");

        assertTrue(e.getMessage().startsWith("x.yaml: YAML syntax error at line 2, column "), e.getMessage());
    }

    @Test
    void shouldGiveLineOfAMisplacedMappingValue() {
        SpecException e = refused("name: demo\nseed: 1\nbatch: size: 3\n");

        assertTrue(e.getMessage().startsWith("x.yaml: YAML syntax error at line 3, column 12: "), e.getMessage());
    }

    @Test
    void shouldRefuseADuplicateKeyWithItsLine() {
        SpecException e = refused("name: demo\nseed: 1\nbatch:\n  size: 3\n  size: 4\n");

        assertTrue(e.getMessage().startsWith("x.yaml: YAML error at line 5, column "), e.getMessage());
        assertTrue(e.getMessage().contains("duplicate key 'size'"), e.getMessage());
    }

    @Test
    void shouldRefuseASecondDocument() {
        SpecException e = refused(SpecText.base().yaml() + "---\nname: other\n");

        assertTrue(e.getMessage().contains("a spec must be a single YAML document"), e.getMessage());
    }

    @Test
    void shouldRefuseAnEmptySpec() {
        SpecException e = refused("# nothing but a comment\n");

        assertEquals("x.yaml: the spec is empty; it needs at least name, tasks, features and model", e.getMessage());
    }

    @Test
    void shouldRefuseASpecThatIsAList() {
        SpecException e = refused("- name: demo\n");

        assertTrue(e.getMessage().startsWith("x.yaml: the spec must be a mapping of keys to values, found [{"),
                e.getMessage());
    }

    @Test
    void shouldRefuseASectionThatIsNotAMapping() {
        SpecException e = refused(SpecText.base().with("batch", "batch: 32").yaml());

        assertEquals("x.yaml: batch must be a mapping of keys to values, found 32", e.getMessage());
    }
}
