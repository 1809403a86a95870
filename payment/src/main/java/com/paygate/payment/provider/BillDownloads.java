package com.paygate.payment.provider;

import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Streams a bill from a provider's download URL to a file: a day's bill may hold hundreds of thousands of lines, so
 * it is never held in memory. Only URLs on the provider's own host are fetched (the URL comes in the provider's
 * answer, and we never follow one elsewhere).
 */
@ApplicationScoped
public class BillDownloads {

    private static final long IDLE_TIMEOUT_MS = 60_000;

    private final Vertx vertx;
    private final HttpClient http;

    public BillDownloads(Vertx vertx) {
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000).setKeepAlive(false));
    }

    /** GET {@code url} with {@code headers} into {@code file}; a non-200 answer or a broken transfer is unavailable. */
    public Uni<Path> fetch(URI url, Map<String, String> headers, Path file) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
                .setIdleTimeout(IDLE_TIMEOUT_MS);
        headers.forEach(request::putHeader);
        return http.request(request)
                .chain(req -> req.send())
                .chain(response -> {
                    if (response.statusCode() != 200) {
                        return response.body().onItem().failWith(body -> ProviderException.unavailable(
                                "bill download answered " + response.statusCode()));
                    }
                    // Held until the file is open: the body must not start flowing with nobody to take it.
                    response.pause();
                    return vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreate(true)
                            .setTruncateExisting(true)).chain(response::pipeTo);
                })
                .onFailure(f -> !(f instanceof ProviderException))
                .transform(f -> ProviderException.unavailable("bill download failed: " + f.getClass().getSimpleName() + " "
                        + f.getMessage(), f))
                .replaceWith(file);
    }

    /** Whether {@code url} is on {@code host} (or, with a leading dot, any host under it), over http(s). */
    public static boolean onHost(URI url, String host) {
        String actual = url.getHost();
        boolean scheme = "https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme());
        return scheme && actual != null && (host.startsWith(".") ? actual.toLowerCase().endsWith(host) : actual.equalsIgnoreCase(host));
    }
}
