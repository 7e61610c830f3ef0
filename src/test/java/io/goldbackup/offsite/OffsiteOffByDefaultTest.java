package io.goldbackup.offsite;

import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service boots without any off-site target: the feature is off, not broken. */
@QuarkusTest
class OffsiteOffByDefaultTest {

    @Inject
    ObjectStores stores;

    @Test
    void noTargetIsConfiguredAndNoneIsFound() {
        assertTrue(stores.names().isEmpty());
        assertEquals(Optional.empty(), stores.target("primary"));
    }
}
