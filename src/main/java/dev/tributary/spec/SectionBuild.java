package dev.tributary.spec;

import java.util.function.Supplier;

/**
 * Builds a section's record and reports a value the record refuses ({@link InvalidFieldException}) at
 * the field's key in the YAML, as every other error of the section: the records hold the value
 * checks, the readers add the file and the key path.
 */
final class SectionBuild {
    private SectionBuild() {
    }

    static <T> T build(YamlNode section, Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidFieldException e) {
            throw at(section, e.field()).invalid(e.must());
        }
    }

    /** The node of a field path below {@code section}: {@code experts.hidden[1]}, {@code weights.t1}. */
    private static YamlNode at(YamlNode section, String field) {
        YamlNode node = section;
        for (String key : field.split("\\.")) {
            int bracket = key.indexOf('[');
            if (bracket < 0) {
                node = node.get(key);
            } else {
                int index = Integer.parseInt(key.substring(bracket + 1, key.length() - 1));
                node = node.get(key.substring(0, bracket)).list().get(index);
            }
        }
        return node;
    }
}
