package com.paygate.sandbox.wechat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.error.ApiException;
import com.paygate.sandbox.faults.Faults;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one way a WeChat API answer leaves the sandbox: fault knobs applied (delay without blocking, random
 * SYSTEM_ERROR), refusals turned into WeChat's error body, and every answer signed, errors included.
 */
@ApplicationScoped
public class WechatResponder {

    private static final Logger LOG = Logger.getLogger(WechatResponder.class);

    private final WechatSigner signer;
    private final Faults faults;
    private final ObjectMapper json;

    public WechatResponder(WechatSigner signer, Faults faults, ObjectMapper json) {
        this.signer = signer;
        this.faults = faults;
        this.json = json;
    }

    public Uni<Response> answer(Supplier<WechatAnswer> work) {
        return respond(() -> Outcome.signed(work.get()));
    }

    /**
     * For the answers WeChat sends unsigned (a bill file's bytes): the fault knobs apply and refusals are signed
     * errors as usual, but the successful answer goes out as {@code work} built it, without Wechatpay-* headers.
     */
    public Uni<Response> unsigned(Supplier<Response> work) {
        return respond(() -> Outcome.asIs(work.get()));
    }

    private Uni<Response> respond(Supplier<Outcome> work) {
        long delay = faults.current().apiDelayMs();
        Uni<Outcome> answer = Uni.createFrom().item(() -> {
            if (faults.failThisCall()) {
                return Outcome.signed(error(new WechatError(500, "SYSTEM_ERROR", "系统错误")));
            }
            try {
                return work.get();
            } catch (WechatError e) {
                return Outcome.signed(error(e));
            } catch (ApiException e) {
                return Outcome.signed(error(new WechatError(e.status(), e.code(), e.getMessage())));
            } catch (RuntimeException e) {
                LOG.error("Sandbox WeChat API failure", e);
                return Outcome.signed(error(new WechatError(500, "SYSTEM_ERROR", "系统错误")));
            }
        });
        if (delay > 0) {
            answer = answer.onItem().delayIt().by(Duration.ofMillis(delay));
        }
        // Signed when sent, after any delay, so the signature's timestamp is the answer's.
        return answer.map(o -> o.unsigned() != null ? o.unsigned() : signed(o.toSign()));
    }

    /** What a call produced: an answer to sign, or one that goes out as it is. */
    private record Outcome(WechatAnswer toSign, Response unsigned) {
        static Outcome signed(WechatAnswer answer) {
            return new Outcome(answer, null);
        }

        static Outcome asIs(Response response) {
            return new Outcome(null, response);
        }
    }

    public WechatAnswer ok(ObjectNode body) {
        return new WechatAnswer(200, body.toString());
    }

    public WechatAnswer error(WechatError e) {
        ObjectNode body = json.createObjectNode().put("code", e.code()).put("message", e.getMessage());
        return new WechatAnswer(e.status(), body.toString());
    }

    private Response signed(WechatAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status());
        Map<String, String> headers = signer.headers(answer.body());
        if (faults.current().badAnswerSignature()) {
            headers.put("Wechatpay-Signature", Faults.corrupt(headers.get("Wechatpay-Signature")));
        }
        headers.forEach(response::header);
        if (!answer.body().isEmpty()) {
            response.entity(answer.body()).type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"));
        }
        return response.build();
    }
}
