package dev.recado.messaging.spi;

/** The live state shown for a sender account. */
public enum SenderState {
    CONNECTING, CONNECTED, RECONNECTING, THROTTLED, DISCONNECTED, FAILED;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
