package dev.recado.common;

/** The body went past the limit for its endpoint; the request is refused before anything is written. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
