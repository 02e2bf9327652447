package dev.vigil.spi;

import dev.vigil.model.VigilException;

/** Another subject of the same kind has this name already. */
public class DuplicateNameException extends VigilException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String name;

    public DuplicateNameException(String kind, String name) {
        super("a " + kind + " named '" + name + "' exists already");
        this.kind = kind;
        this.name = name;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
