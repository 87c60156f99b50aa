package dev.recado.channels.telegram;

import dev.recado.channels.telegram.internal.TelegramWebhooks;
import dev.recado.messaging.spi.SenderConfig;
import org.springframework.stereotype.Component;

/** Deep links ({@code t.me/<bot>?start=<token>}) that tie a chat to a known contact. */
@Component
public class TelegramLinks implements TelegramWebhooks.DeepLinks {

    @Override
    public void redeem(SenderConfig sender, String token, String chatId) {
        // not built yet: the chat becomes a contact known by its id alone
    }
}
