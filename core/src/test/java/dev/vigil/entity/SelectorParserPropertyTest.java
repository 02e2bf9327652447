package dev.vigil.entity;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, the parser returns a selector or throws its own syntax error, with a position in range. */
class SelectorParserPropertyTest {

    @Property(tries = 1000)
    void randomTextNeverThrowsAnythingButTheParseError(@ForAll("noise") String text) {
        check(text);
    }

    @Property(tries = 1000)
    void mutatedSelectorsNeverThrowAnythingButTheParseError(@ForAll("mutated") String text) {
        check(text);
    }

    private static void check(String text) {
        try {
            EntitySelector s = EntitySelector.parse(text);
            assertThat(s.type() != null || s.criteria().stream().anyMatch(c -> c instanceof EntitySelector.EntityIds))
                    .isTrue();
        } catch (SelectorSyntaxException e) {
            assertThat(e.position()).isBetween(0, Math.max(text.length(), EntitySelector.MAX_LENGTH));
            assertThat(e.getMessage()).startsWith("Invalid entity selector at position ");
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("type(HOST),entityName.equals\"~\\:[]not()tag firstSeenTms.lt0123 ")
                .ofMaxLength(80)
                .injectDuplicates(0.05);
    }

    @Provide
    Arbitrary<String> mutated() {
        String[] seeds = {
                "type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))",
                "type(SERVICE),entityName.equals(BookingService)",
                "type(HOST),tag([AWS]env:prod, a\\:b),not(healthState(HEALTHY)),firstSeenTms.gte(17)",
                "entityId(HOST-0123456789ABCDEF),caseSensitive(entityName.in(\"a~\"b\", c))"};
        Arbitrary<String> seed = Arbitraries.of(seeds);
        return seed.flatMap(s -> Arbitraries.integers().between(0, s.length()).flatMap(cut ->
                Arbitraries.integers().between(0, s.length() - cut).flatMap(len ->
                        Arbitraries.strings().withChars("(),.\"~[]:\\ xHOST").ofMaxLength(4).map(ins ->
                                s.substring(0, cut) + ins + s.substring(cut + len)))));
    }
}
