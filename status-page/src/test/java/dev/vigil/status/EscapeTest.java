package dev.vigil.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.status.internal.Escape;
import org.junit.jupiter.api.Test;

/** The three escapings user input goes through. */
class EscapeTest {

    @Test
    void htmlEscapesEveryCharacterThatEndsTextOrAnAttribute() {
        assertThat(Escape.html("<a href=\"x\" onclick='y'>&`</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;");
        assertThat(Escape.html("plain text, ümlaut, 日本")).isEqualTo("plain text, ümlaut, 日本");
        assertThat(Escape.html("nul\u0000 bell\u0007 del\u007f")).isEqualTo("nul\uFFFD bell\uFFFD del\uFFFD");
    }

    @Test
    void xmlDropsWhatXmlCannotCarry() {
        assertThat(Escape.xml("<t a='1'>&\"</t>")).isEqualTo("&lt;t a=&apos;1&apos;&gt;&amp;&quot;&lt;/t&gt;");
        assertThat(Escape.xml("a\u0001b\uFFFEc\uD800d\uDC00e")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
        assertThat(Escape.xml("emoji \uD83D\uDE00 tab\tnl\n")).isEqualTo("emoji \uD83D\uDE00 tab\tnl\n");
    }

    @Test
    void pathSegmentsArePercentEncoded() {
        assertThat(Escape.segment("Daily Backup Job")).isEqualTo("Daily%20Backup%20Job");
        assertThat(Escape.segment("a/b?c#d%e\"")).isEqualTo("a%2Fb%3Fc%23d%25e%22");
    }
}
