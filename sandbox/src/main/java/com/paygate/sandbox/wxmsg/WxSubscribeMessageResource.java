package com.paygate.sandbox.wxmsg;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Set;

/**
 * {@code POST /cgi-bin/message/subscribe/send}: checks the access token, the request and the fault knobs in the
 * order WeChat would, and records accepted messages for {@code GET /sandbox/messages}.
 *
 * <p>Openids starting with {@code refused-} answer 43101 (the user declined the subscription) and those starting
 * with {@code bad-} answer 40003 (not an openid of this app), so clients can test their permanent-error handling.
 */
@Path("/cgi-bin/message/subscribe/send")
public class WxSubscribeMessageResource {

    private static final Set<String> STATES = Set.of("developer", "trial", "formal");
    private static final Set<String> LANGS = Set.of("zh_CN", "en_US", "zh_HK", "zh_TW");

    private final WxMsgStore store;

    public WxSubscribeMessageResource(WxMsgStore store) {
        this.store = store;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<WxApiModels.SendResult> send(@QueryParam("access_token") String accessToken,
            WxApiModels.SubscribeSendRequest request) {
        WxApiModels.SendResult result = handle(accessToken, request);
        long delay = store.delayMs();
        Uni<WxApiModels.SendResult> answer = Uni.createFrom().item(result);
        // The delay is asynchronous: a slow WeChat must not block the sandbox's event loop.
        return delay > 0 ? answer.onItem().delayIt().by(Duration.ofMillis(delay)) : answer;
    }

    private WxApiModels.SendResult handle(String accessToken, WxApiModels.SubscribeSendRequest request) {
        if (accessToken == null || accessToken.isBlank()) {
            return WxApiModels.SendResult.error(41001, "access_token missing");
        }
        if (!store.isValid(accessToken)) {
            store.countStaleToken();
            return WxApiModels.SendResult.error(40001, "invalid credential, access_token is invalid or not latest");
        }
        if (store.consumeFailure(request == null ? null : request.touser())) {
            return WxApiModels.SendResult.error(-1, "system error");
        }
        if (request == null) {
            return WxApiModels.SendResult.error(47001, "data format error");
        }
        if (request.touser() == null || request.touser().isBlank()) {
            return WxApiModels.SendResult.error(47003, "argument invalid! touser is empty");
        }
        if (request.templateId() == null || request.templateId().isBlank()) {
            return WxApiModels.SendResult.error(40037, "invalid template_id");
        }
        if (request.touser().startsWith("bad-")) {
            return WxApiModels.SendResult.error(40003, "invalid openid");
        }
        if (request.data() == null || request.data().isEmpty()) {
            return WxApiModels.SendResult.error(47003, "argument invalid! data is empty");
        }
        String invalidKey = TemplateDataRules.firstInvalidKey(request.data());
        if (invalidKey != null) {
            return WxApiModels.SendResult.error(47003, "argument invalid! data." + invalidKey + ".value invalid");
        }
        if (request.miniprogramState() != null && !STATES.contains(request.miniprogramState())) {
            return WxApiModels.SendResult.error(47003, "argument invalid! miniprogram_state invalid");
        }
        if (request.lang() != null && !LANGS.contains(request.lang())) {
            return WxApiModels.SendResult.error(47003, "argument invalid! lang invalid");
        }
        if (request.touser().startsWith("refused-")) {
            return WxApiModels.SendResult.error(43101, "user refuse to accept the msg");
        }
        return WxApiModels.SendResult.ok(store.accept(request).msgid());
    }
}
