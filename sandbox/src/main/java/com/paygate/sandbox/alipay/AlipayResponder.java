package com.paygate.sandbox.alipay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.sandbox.faults.Faults;
import com.paygate.sandbox.keys.SandboxIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one way a gateway answer leaves the sandbox: fault knobs applied, refusals in Alipay's words, and API
 * answers as {@code {"<method>_response":{...},"sign":"..."}} where sign covers the exact text of the response
 * node, which is what Alipay's SDKs cut out of the body and verify.
 */
@ApplicationScoped
public class AlipayResponder {

    private static final Logger LOG = Logger.getLogger(AlipayResponder.class);

    private final SandboxIdentity identity;
    private final Faults faults;
    private final ObjectMapper json;

    public AlipayResponder(SandboxIdentity identity, Faults faults, ObjectMapper json) {
        this.identity = identity;
        this.faults = faults;
        this.json = json;
    }

    public Uni<Response> answer(String method, Supplier<AlipayAnswer> work) {
        long delay = faults.current().apiDelayMs();
        Uni<AlipayAnswer> answer = Uni.createFrom().item(() -> {
            if (faults.failThisCall()) {
                return error(new AlipayError("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙"));
            }
            try {
                return work.get();
            } catch (AlipayError e) {
                return error(e);
            } catch (RuntimeException e) {
                LOG.error("Sandbox Alipay gateway failure", e);
                return error(new AlipayError("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙"));
            }
        });
        if (delay > 0) {
            answer = answer.onItem().delayIt().by(Duration.ofMillis(delay));
        }
        return answer.map(a -> a.html() != null ? page(a.html()) : api(method, a.node()));
    }

    public ObjectNode success() {
        return json.createObjectNode().put("code", "10000").put("msg", "Success");
    }

    private AlipayAnswer error(AlipayError e) {
        return AlipayAnswer.api(json.createObjectNode().put("code", e.code()).put("msg", e.msg())
                .put("sub_code", e.subCode()).put("sub_msg", e.getMessage()));
    }

    private Response api(String method, ObjectNode node) {
        String name = method == null || method.isBlank() || !method.startsWith("alipay.")
                ? "error_response" : method.replace('.', '_') + "_response";
        String nodeText = node.toString();
        String sign = RsaSha256.sign(identity.alipayPrivateKey(), nodeText);
        if (faults.current().badAnswerSignature()) {
            sign = Faults.corrupt(sign);
        }
        String body = "{" + json.getNodeFactory().textNode(name) + ":" + nodeText + ",\"sign\":" + json.getNodeFactory().textNode(sign) + "}";
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build();
    }

    private static Response page(String html) {
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }
}
