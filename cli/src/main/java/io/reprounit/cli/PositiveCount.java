package io.reprounit.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A count such as {@code --limit}: a whole number of 1 or more. Zero would list nothing and read as an empty store, and a
 * negative number is SQLite's "no limit"; both are refused as usage errors that name the option.
 */
final class PositiveCount implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        int count;
        try {
            count = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number; give 1 or more");
        }
        if (count < 1) {
            throw new TypeConversionException("'" + value + "' is not a positive number; give 1 or more");
        }
        return count;
    }
}
