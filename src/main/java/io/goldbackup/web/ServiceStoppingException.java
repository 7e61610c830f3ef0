package io.goldbackup.web;

/** The instance is stopping and starts no operation; answered 503, so that the client retries on another. */
public class ServiceStoppingException extends RuntimeException implements Refusal {

    public ServiceStoppingException() {
        super("This instance is stopping; send the request again (another instance will take it).");
    }
}
