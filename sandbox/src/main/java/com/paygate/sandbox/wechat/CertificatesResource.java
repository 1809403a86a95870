package com.paygate.sandbox.wechat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.crypto.AesGcm;
import com.paygate.sandbox.faults.Faults;
import com.paygate.sandbox.keys.SandboxIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** {@code GET /v3/certificates}: the platform certificates (two during a rotation), encrypted with the API v3 key. */
@Path("/v3/certificates")
public class CertificatesResource {

    private final WechatAuthenticator authenticator;
    private final WechatResponder responder;
    private final WechatSigner signer;
    private final PlatformCertificate certificate;
    private final AesGcm aes;
    private final ObjectMapper json;
    private final Faults faults;

    public CertificatesResource(WechatAuthenticator authenticator, WechatResponder responder, WechatSigner signer,
            PlatformCertificate certificate, SandboxIdentity identity, ObjectMapper json, Faults faults) {
        this.authenticator = authenticator;
        this.responder = responder;
        this.signer = signer;
        this.certificate = certificate;
        this.aes = new AesGcm(identity.id("wechat.api-v3-key"));
        this.json = json;
        this.faults = faults;
    }

    @GET
    public Uni<Response> certificates(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Context HttpServerRequest http) {
        String uri = http.uri();
        return responder.answer(() -> {
            authenticator.authenticate(auth, "GET", uri, "");
            ObjectNode body = json.createObjectNode();
            var data = body.putArray("data");
            for (PlatformCertificate.Issued issued : certificate.listed(faults.rotatedCertificate())) {
                String nonce = signer.nonce().substring(0, 12);
                ObjectNode cert = data.addObject()
                        .put("serial_no", issued.serialHex())
                        .put("effective_time", WechatTransactionView.rfc3339(issued.effective()))
                        .put("expire_time", WechatTransactionView.rfc3339(issued.expires()));
                cert.putObject("encrypt_certificate")
                        .put("algorithm", "AEAD_AES_256_GCM")
                        .put("nonce", nonce)
                        .put("associated_data", "certificate")
                        .put("ciphertext", aes.encrypt("certificate", nonce, issued.pem()));
            }
            return new WechatAnswer(200, body.toString());
        });
    }
}
