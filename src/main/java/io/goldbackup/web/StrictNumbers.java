package io.goldbackup.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Integers in request bodies must be integers: Jackson would otherwise read {@code "backupId": 1.7} as backup 1
 * and {@code "daysToKeep": 1.5} as 1 day, and act on a number the caller never sent.
 */
@Singleton
class StrictNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
