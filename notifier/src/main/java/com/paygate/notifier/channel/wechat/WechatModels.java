package com.paygate.notifier.channel.wechat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** WeChat's wire shapes for the token and subscribe-message endpoints (snake_case as WeChat spells them). */
final class WechatModels {

    private WechatModels() {
    }

    @RegisterForReflection
    record StableTokenRequest(@JsonProperty("grant_type") String grantType, String appid, String secret,
            @JsonProperty("force_refresh") boolean forceRefresh) {

        /** Never let the secret reach a log through a record's generated toString. */
        @Override
        public String toString() {
            return "StableTokenRequest[appid=" + appid + ", forceRefresh=" + forceRefresh + "]";
        }
    }

    @RegisterForReflection
    record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Integer expiresIn,
            Integer errcode, String errmsg) {

        @Override
        public String toString() {
            return "TokenResponse[expiresIn=" + expiresIn + ", errcode=" + errcode + ", errmsg=" + errmsg + "]";
        }
    }

    @RegisterForReflection
    record DataValue(String value) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubscribeMessage(String touser, @JsonProperty("template_id") String templateId, String page,
            @JsonProperty("miniprogram_state") String miniprogramState, String lang, Map<String, DataValue> data) {
    }

    @RegisterForReflection
    record SendResponse(Integer errcode, String errmsg, Long msgid) {

        int code() {
            return errcode == null ? 0 : errcode;
        }
    }
}
