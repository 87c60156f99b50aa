package dev.recado.messaging.spi;

/**
 * How an adapter reports what the provider tells it. Calls arrive on the adapter's threads and must
 * return quickly: implementations only hand off.
 */
public interface AdapterListener {

    void onReceipt(ProviderReceipt receipt);

    void onInbound(ProviderInbound inbound);

    void onStateChange(SenderState state);
}
