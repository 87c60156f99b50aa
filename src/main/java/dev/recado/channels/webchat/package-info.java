/**
 * Web chat: a chat bubble on a business's site over WebSocket. The front is the provider's factory
 * and the snippet a business pastes ({@link dev.recado.channels.webchat.WebchatSnippets}, also read by
 * the console's sender page).
 */
@org.springframework.modulith.NamedInterface("webchat")
package dev.recado.channels.webchat;
