package dev.vigil.model;


/** Another subject of the same kind has this name already. */
public class DuplicateNameException extends VigilException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String name;

    public DuplicateNameException(String kind, String name) {
        super("A " + kind.replace('_', ' ') + " named \"" + Text.forLog(name) + "\" already exists");
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
