package com.paygate.sandbox.wxmsg;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** A subscribe message the sandbox accepted (errcode 0): what the user would see, flattened to key -> value. */
@RegisterForReflection
public record ReceivedMessage(long msgid, String touser, @JsonProperty("template_id") String templateId, String page,
        @JsonProperty("miniprogram_state") String miniprogramState, String lang, Map<String, String> data,
        String receivedAt) {

    /** The order a message is about: named in the page's query or as one of the values. */
    boolean concernsOrder(String orderSn) {
        return (page != null && page.matches(".*[?&]orderSn=" + java.util.regex.Pattern.quote(orderSn) + "(&.*)?"))
                || data.containsValue(orderSn);
    }
}
