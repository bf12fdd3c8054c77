package dev.tributary.cli;

import dev.tributary.spec.ModelFamily;
import picocli.CommandLine.ITypeConverter;

/** Accepts model family names as written in specs ({@code mmoe}, {@code shared-bottom}) or as enum names. */
final class FamilyConverter implements ITypeConverter<ModelFamily> {
    @Override
    public ModelFamily convert(String value) {
        String v = value.trim().toUpperCase().replace('-', '_');
        for (ModelFamily f : ModelFamily.values()) {
            if (f.name().equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model family '" + value + "'; allowed: single-task, shared-bottom,"
                + " soft-sharing, omoe, mmoe, cgc, ple");
    }
}
