package dev.vigil.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.entity.EntitySelector.Criterion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The selector language as a table: valid selectors with what they parse to, invalid ones with the position of the
 * error and what was expected there.
 */
class SelectorParserTableTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("type(HOST)", "HOST", 1),
                Arguments.of("type(host)", "HOST", 1),
                Arguments.of(" type( HOST ) ", "HOST", 1),
                Arguments.of("type(HOST),entityName.equals(x)", "HOST", 2),
                Arguments.of("type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))",
                        "HOST", 2),
                Arguments.of("type(SERVICE),entityName.equals(BookingService)", "SERVICE", 2),
                Arguments.of("entityId(HOST-0123456789ABCDEF)", null, 1),
                Arguments.of("entityId(HOST-0123456789ABCDEF, HOST-FEDCBA9876543210)", null, 1),
                Arguments.of("type(HOST),entityId(HOST-0123456789ABCDEF)", "HOST", 2),
                Arguments.of("type(HOST),entityName(web)", "HOST", 2),
                Arguments.of("type(HOST),entityName.startsWith(web-)", "HOST", 2),
                Arguments.of("type(HOST),entityName.in(a, b, c)", "HOST", 2),
                Arguments.of("type(HOST),entityName.equals(\"a,b\")", "HOST", 2),
                Arguments.of("type(HOST),entityName.equals(\"say ~\"hi~\"\")", "HOST", 2),
                Arguments.of("type(HOST),entityName.equals(a~,b)", "HOST", 2),
                Arguments.of("type(HOST),entityName.equals(my host)", "HOST", 2),
                Arguments.of("type(HOST),caseSensitive(entityName.equals(Web))", "HOST", 2),
                Arguments.of("type(HOST),caseSensitive(entityName(Web))", "HOST", 2),
                Arguments.of("type(HOST),tag(env)", "HOST", 2),
                Arguments.of("type(HOST),tag(env:prod)", "HOST", 2),
                Arguments.of("type(HOST),tag([AWS]env:prod)", "HOST", 2),
                Arguments.of("type(HOST),tag(env:prod, env:staging)", "HOST", 2),
                Arguments.of("type(HOST),tag(a\\:b:c)", "HOST", 2),
                Arguments.of("type(HOST),tag(\"[Kubernetes]app:web\")", "HOST", 2),
                Arguments.of("type(HOST),healthState(HEALTHY)", "HOST", 2),
                Arguments.of("type(HOST),healthState(unhealthy)", "HOST", 2),
                Arguments.of("type(HOST),firstSeenTms.lt(1700000000000)", "HOST", 2),
                Arguments.of("type(HOST),firstSeenTms.lte(0)", "HOST", 2),
                Arguments.of("type(HOST),firstSeenTms.gt(1)", "HOST", 2),
                Arguments.of("type(HOST),firstSeenTms.gte(1700000000000)", "HOST", 2),
                Arguments.of("type(HOST),fromRelationships.isInstanceOf(type(HOST_GROUP))", "HOST", 2),
                Arguments.of("type(HOST_GROUP),toRelationships.isInstanceOf(type(HOST))", "HOST_GROUP", 2),
                Arguments.of("type(HOST_GROUP),toRelationship.isInstanceOf(type(HOST),tag(env:prod))", "HOST_GROUP", 2),
                Arguments.of("type(SERVICE),fromRelationships.runsOn(type(HOST),fromRelationships.isInstanceOf("
                        + "type(HOST_GROUP),entityName(g)))", "SERVICE", 2),
                Arguments.of("type(HOST),not(tag(env:prod))", "HOST", 2),
                Arguments.of("type(HOST),not(entityName.startsWith(tmp))", "HOST", 2),
                Arguments.of("type(HOST),not(fromRelationships.isInstanceOf(type(HOST_GROUP)))", "HOST", 2),
                Arguments.of("type(HOST),not(not(tag(a)))", "HOST", 2),
                Arguments.of("type(HOST) , tag(a) , entityName(b)", "HOST", 3),
                Arguments.of("tag(a),type(HOST)", "HOST", 2),
                Arguments.of("type(CUSTOM_DEVICE),entityName.equals(\"(weird)\")", "CUSTOM_DEVICE", 2));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valid")
    void parses(String text, String type, int criteria) {
        EntitySelector s = EntitySelector.parse(text);
        assertThat(s.type()).isEqualTo(type);
        assertThat(s.criteria()).hasSize(criteria);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", 0, "an attribute"),
                Arguments.of("   ", 3, "an attribute"),
                Arguments.of("type", 4, "'('"),
                Arguments.of("type(", 5, "a value"),
                Arguments.of("type()", 5, "a value"),
                Arguments.of("type(HOST", 9, "',' or ')'"),
                Arguments.of("type(HOST))", 10, "',' or the end"),
                Arguments.of("type(HOST),", 11, "an attribute"),
                Arguments.of("type(HOST),,tag(a)", 11, "an attribute"),
                Arguments.of("type(HOST,SERVICE)", 10, "one value only"),
                Arguments.of("type(HO ST)", 5, "an entity type"),
                Arguments.of("type(HOST),type(SERVICE)", 11, "one type(...) per selector"),
                Arguments.of("entityName(x)", 0, "type(...) or entityId(...)"),
                Arguments.of("tag(a)", 0, "type(...) or entityId(...)"),
                Arguments.of("type(HOST),foo(x)", 11, "an attribute"),
                Arguments.of("type(HOST),entityname(x)", 11, "an attribute"),
                Arguments.of("type(HOST),1tag(x)", 11, "an attribute"),
                Arguments.of("type(HOST),entityName.contains(x)", 22, "equals, startsWith or in"),
                Arguments.of("type(HOST),entityName.(x)", 22, "equals, startsWith or in"),
                Arguments.of("type(HOST),entityName.equals(a,b)", 31, "one value only"),
                Arguments.of("type(HOST),entityName.equals(a(b))", 30, "quote a value"),
                Arguments.of("type(HOST),entityName.equals(\"abc)", 34, "a closing '\"'"),
                Arguments.of("type(HOST),entityName.equals(\"\")", 29, "a value"),
                Arguments.of("type(HOST),entityName.equals(\"a\"b)", 32, "',' or ')'"),
                Arguments.of("type(HOST),entityName.equals(abc~", 33, "a character after the escape"),
                Arguments.of("type(HOST),entityName(a,)", 24, "a value"),
                Arguments.of("type(HOST),caseSensitive(tag(a))", 25, "entityName"),
                Arguments.of("type(HOST),caseSensitive(entityName(a)", 38, "')'"),
                Arguments.of("type(HOST),tag()", 15, "a value"),
                Arguments.of("type(HOST),tag(:prod)", 15, "a tag key"),
                Arguments.of("type(HOST),tag([AWS)", 19, "']' closing the tag context"),
                Arguments.of("type(HOST),tag([]a)", 16, "a tag context"),
                Arguments.of("type(HOST),healthState(OK)", 23, "HEALTHY or UNHEALTHY"),
                Arguments.of("type(HOST),healthState(HEALTHY,UNHEALTHY)", 31, "one value only"),
                Arguments.of("type(HOST),firstSeenTms(1)", 23, "'.'"),
                Arguments.of("type(HOST),firstSeenTms.eq(1)", 24, "lt, lte, gt or gte"),
                Arguments.of("type(HOST),firstSeenTms.lt(yesterday)", 27, "a time in milliseconds"),
                Arguments.of("type(HOST),firstSeenTms.lt(1.5)", 27, "a time in milliseconds"),
                Arguments.of("type(HOST),fromRelationships(type(HOST_GROUP))", 28, "'.'"),
                Arguments.of("type(HOST),fromRelationships.(type(HOST_GROUP))", 29, "a relationship"),
                Arguments.of("type(HOST),fromRelationships.isInstanceOf()", 42, "an attribute"),
                Arguments.of("type(HOST),fromRelationships.isInstanceOf(entityName(x))", 42, "type(...) or entityId(...)"),
                Arguments.of("type(HOST),fromRelationships.isInstanceOf(type(HOST_GROUP)", 58, "',' or ')'"),
                Arguments.of("type(HOST),fromRelationships.isInstanceOf(type(HOST_GROUP),)", 59, "an attribute"),
                Arguments.of("type(HOST),fromRelationships.isInstanceOf(type(A),type(B))", 50, "one type(...)"),
                Arguments.of("type(HOST),not(type(SERVICE))", 15, "other than type(...)"),
                Arguments.of("type(HOST),not()", 15, "an attribute"),
                Arguments.of("type(HOST),not(tag(a),tag(b))", 21, "')'"),
                Arguments.of("type(HOST),not tag(a)", 15, "'('"),
                Arguments.of("type(HOST);tag(a)", 10, "',' or the end"),
                Arguments.of("type(HOST) tag(a)", 11, "',' or the end"),
                Arguments.of("type(HOST),entityName(\"x\"", 25, "',' or ')'"),
                Arguments.of("(type(HOST))", 0, "an attribute"),
                Arguments.of("type[HOST]", 4, "'('"),
                Arguments.of("type(HOST),entityId()", 20, "a value"),
                Arguments.of("type(HOST),\u0001", 11, "an attribute"),
                Arguments.of("entityId(a),entityName(\"", 24, "a closing '\"'"),
                Arguments.of("type(HOST),entityName.equals(x", 30, "',' or ')'"),
                Arguments.of("type(HOST),tag(a:b", 18, "',' or ')'"),
                Arguments.of("type(HOST),entityName(a\"b)", 23, "quote a value"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void refuses(String text, int position, String expected) {
        assertThatThrownBy(() -> EntitySelector.parse(text))
                .isInstanceOfSatisfying(SelectorSyntaxException.class, e -> {
                    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
                    assertThat(e.expected()).as(e.getMessage()).contains(expected);
                    assertThat(e.getMessage()).startsWith("Invalid entity selector at position " + position
                            + ": expected ");
                });
    }

    @org.junit.jupiter.api.Test
    void tooLongIsRefusedAtTheLimit() {
        String text = "type(HOST),entityName(" + "x".repeat(EntitySelector.MAX_LENGTH) + ")";
        assertThatThrownBy(() -> EntitySelector.parse(text)).isInstanceOfSatisfying(SelectorSyntaxException.class,
                e -> assertThat(e.position()).isEqualTo(EntitySelector.MAX_LENGTH));
        assertThat(EntitySelector.parse("type(HOST),entityName(" + "x".repeat(1900) + ")").criteria()).hasSize(2);
    }

    @org.junit.jupiter.api.Test
    void theSeedSelectorParsesToItsTree() {
        EntitySelector s = EntitySelector.parse(
                "type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))");
        assertThat(s.criteria()).containsExactly(new EntitySelector.Type("HOST"),
                new EntitySelector.Relationship(true, "isInstanceOf", new EntitySelector(
                        "type(HOST_GROUP),entityName(cloud-burst-hosts)", "HOST_GROUP", List.<Criterion>of(
                                new EntitySelector.Type("HOST_GROUP"),
                                new EntitySelector.Name(EntitySelector.NameOp.CONTAINS, List.of("cloud-burst-hosts"),
                                        false)))));
    }

    @org.junit.jupiter.api.Test
    void valuesUnescapeAndTagsSplit() {
        EntitySelector s = EntitySelector.parse(
                "type(HOST),entityName.equals(\"say ~\"hi~\" ~~ok\"),tag([AWS]a\\:b:c:d, env)");
        assertThat(((EntitySelector.Name) s.criteria().get(1)).values()).containsExactly("say \"hi\" ~ok");
        assertThat(((EntitySelector.Tags) s.criteria().get(2)).tags()).containsExactly(
                new EntitySelector.TagFilter("AWS", "a:b", "c:d"), new EntitySelector.TagFilter(null, "env", null));
        assertThat(((EntitySelector.Name) EntitySelector.parse("type(HOST),caseSensitive(entityName.in(A,b))")
                .criteria().get(1))).isEqualTo(new EntitySelector.Name(EntitySelector.NameOp.IN, List.of("A", "b"),
                        true));
    }

    @org.junit.jupiter.api.Test
    void deepNestingIsBoundedWithAPosition() {
        String deep = "type(A)," + "not(".repeat(30) + "tag(a)" + ")".repeat(30);
        assertThatThrownBy(() -> EntitySelector.parse(deep)).isInstanceOf(SelectorSyntaxException.class)
                .hasMessageContaining("nested at most 20 deep");
    }
}
