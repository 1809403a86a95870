package com.paygate.sandbox.alipay;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A gateway answer before signing: a page for the payer's browser, or the *_response node of an API call. */
public record AlipayAnswer(String html, ObjectNode node) {

    static AlipayAnswer page(String html) {
        return new AlipayAnswer(html, null);
    }

    static AlipayAnswer api(ObjectNode node) {
        return new AlipayAnswer(null, node);
    }
}
