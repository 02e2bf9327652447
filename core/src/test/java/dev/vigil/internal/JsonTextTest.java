package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Commas and nulls in the shapes the state codecs' random states rarely or never take. */
class JsonTextTest {
    @Test
    void emptyObjectsAndArraysAndNullsAreWrittenAsJacksonWritesThem() {
        assertThat(new JsonText(0).end()).isEqualTo("{}");
        assertThat(new JsonText(8).objectStart("a").objectEnd().arrayStart("b").arrayEnd().string("c", null)
                .stringIfSet("d", null).numberIfSet("e", (Long) null).numberIfSet("f", (Double) null)
                .millisIfSet("g", null).end()).isEqualTo("{\"a\":{},\"b\":[],\"c\":null}");
        assertThat(new JsonText(8).arrayStart("a").element("x").element("y").arrayEnd()
                .objectStart("o").bool("t", true).number("n", -1).objectEnd().end())
                .isEqualTo("{\"a\":[\"x\",\"y\"],\"o\":{\"t\":true,\"n\":-1}}");
    }
}
