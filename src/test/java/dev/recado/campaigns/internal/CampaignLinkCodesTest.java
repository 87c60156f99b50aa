package dev.recado.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The codes' shape: random base62 over the whole alphabet, never repeating in a sample; the URL rewrite around them. */
class CampaignLinkCodesTest {

    @Test
    void codesAreRandomBase62OfTheirLength() {
        Set<String> codes = new HashSet<>();
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String code = LinkCodes.next(LinkCodes.LINK_LENGTH);
            assertThat(code).matches("[0-9A-Za-z]{10}");
            assertThat(LinkCodes.wellFormed(code)).isTrue();
            codes.add(code);
            code.chars().forEach(c -> used.add((char) c));
        }
        assertThat(codes).hasSize(20_000);
        assertThat(used).hasSize(62);
        assertThat(LinkCodes.next(LinkCodes.UNSUBSCRIBE_LENGTH)).matches("[0-9A-Za-z]{12}");
        assertThat(LinkCodes.wellFormed("abc-def-ghi")).isFalse();
        assertThat(LinkCodes.wellFormed("short")).isFalse();
    }

    @Test
    void rewriteShortensEachDistinctUrlOnceAndLeavesOurOwnLinks() {
        var links = new RecipientLinks("https://r.example", 7, java.util.List.of());
        String text = links.rewrite("Mira (https://a.example/x?y=1&amp;z=2), y " + links.unsubscribeUrl()
                + " y https://a.example/x?y=1&z=2. Fin https://r.example/l/AAAAAAAAAA");
        assertThat(text).matches("Mira \\(https://r\\.example/l/(\\w{10})\\), y https://r\\.example/u/\\w{12} y"
                + " https://r\\.example/l/\\1\\. Fin https://r\\.example/l/AAAAAAAAAA");
        assertThat(links.rows()).extracting(RecipientLinks.Row::kind, RecipientLinks.Row::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("link", "https://a.example/x?y=1&z=2"),
                        org.assertj.core.groups.Tuple.tuple("unsubscribe", null));
        assertThat(BotAgents.isBot("HEAD", "Mozilla/5.0 (iPhone)")).isTrue();
        assertThat(BotAgents.isBot("GET", null)).isTrue();
        assertThat(BotAgents.isBot("GET", "Slackbot-LinkExpanding 1.0")).isTrue();
        assertThat(BotAgents.isBot("GET", "Mozilla/5.0 (Linux; Android 14) Chrome/120.0 Mobile Safari/537.36")).isFalse();
    }
}
