package dev.vigil.testkit;

import dev.vigil.spi.VigilStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every contract test: a fresh, empty store per test, closed afterwards. A store module extends each
 * {@code ...ContractTest} and implements {@link #createStore()}.
 */
public abstract class StoreContract {
    protected VigilStore store;

    /** A new, empty store. Called before each test. */
    protected abstract VigilStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }
}
