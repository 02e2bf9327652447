package dev.vigil.spi;

import dev.vigil.model.Silence;
import java.util.List;
import java.util.Optional;

/** Silences. Few and rarely changed: a simple area. */
public interface SilenceStore {

    void insert(Silence silence);

    /** Replaces a silence with the same id; false if there is none. */
    boolean update(Silence silence);

    Optional<Silence> find(String id);

    /** All silences, newest ({@code createdAt}) first. */
    List<Silence> list();
}
