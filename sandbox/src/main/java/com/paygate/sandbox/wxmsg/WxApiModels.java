package com.paygate.sandbox.wxmsg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** The wire shapes of WeChat's token and subscribe-message endpoints, with WeChat's snake_case names. */
final class WxApiModels {

    private WxApiModels() {
    }

    @RegisterForReflection
    record StableTokenRequest(@JsonProperty("grant_type") String grantType, String appid, String secret,
            @JsonProperty("force_refresh") Boolean forceRefresh) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Integer expiresIn,
            Integer errcode, String errmsg) {

        static TokenResponse issued(String token, int expiresIn) {
            return new TokenResponse(token, expiresIn, null, null);
        }

        static TokenResponse error(int errcode, String errmsg) {
            return new TokenResponse(null, null, errcode, errmsg);
        }
    }

    @RegisterForReflection
    record DataItem(String value) {
    }

    @RegisterForReflection
    record SubscribeSendRequest(String touser, @JsonProperty("template_id") String templateId, String page,
            @JsonProperty("miniprogram_state") String miniprogramState, String lang, Map<String, DataItem> data) {
    }

    /** WeChat answers every business outcome with HTTP 200 and this body; msgid only on success. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendResult(int errcode, String errmsg, Long msgid) {

        static SendResult ok(long msgid) {
            return new SendResult(0, "ok", msgid);
        }

        static SendResult error(int errcode, String errmsg) {
            return new SendResult(errcode, errmsg, null);
        }
    }
}
