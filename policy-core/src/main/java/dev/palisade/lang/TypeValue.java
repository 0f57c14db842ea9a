package dev.palisade.lang;

import java.util.Objects;

/** A CEL type value such as {@code int} or {@code google.protobuf.Timestamp}, as {@code type(x)} returns it. */
public record TypeValue(String name) {
    /**
     * Checks that the name is present.
     *
     * @param name the type's name
     */
    public TypeValue {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name;
    }
}
