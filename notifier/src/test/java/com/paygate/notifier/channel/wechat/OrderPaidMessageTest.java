package com.paygate.notifier.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.paygate.notifier.channel.DeliveryResult;
import org.junit.jupiter.api.Test;

class OrderPaidMessageTest {

    @Test
    void fenBecomeYuanWithTwoDecimalsExactly() {
        assertEquals("¥0.00", OrderPaidMessage.yuan(0));
        assertEquals("¥0.01", OrderPaidMessage.yuan(1));
        assertEquals("¥0.10", OrderPaidMessage.yuan(10));
        assertEquals("¥12.34", OrderPaidMessage.yuan(1234));
        assertEquals("¥1000000.00", OrderPaidMessage.yuan(100_000_000));
        // 0.29 * 100 is 28.999... in binary floating point; integer fen must not go through it.
        assertEquals("¥0.29", OrderPaidMessage.yuan(29));
    }

    @Test
    void longTitlesAreCutToTwentyCharacters() {
        assertEquals("短标题", OrderPaidMessage.thing("短标题"));
        assertEquals("-", OrderPaidMessage.thing(" "));
        String cut = OrderPaidMessage.thing("一二三四五六七八九十一二三四五六七八九十一");
        assertEquals(20, cut.codePointCount(0, cut.length()));
        assertEquals("一二三四五六七八九十一二三四五六七八九…", cut);
        String emoji = OrderPaidMessage.thing("😀".repeat(25));
        assertEquals(20, emoji.codePointCount(0, emoji.length()));
    }

    @Test
    void errcodesMapToOutcomes() {
        assertEquals(DeliveryResult.Outcome.SENT, WechatChannel.toResult(new WechatModels.SendResponse(0, "ok", 7L)).outcome());
        assertEquals("7", WechatChannel.toResult(new WechatModels.SendResponse(0, "ok", 7L)).providerMessageId());
        assertEquals(DeliveryResult.Outcome.REJECTED, WechatChannel.toResult(new WechatModels.SendResponse(43101, "refuse", null)).outcome());
        assertEquals(DeliveryResult.Outcome.REJECTED, WechatChannel.toResult(new WechatModels.SendResponse(40003, "openid", null)).outcome());
        assertEquals(DeliveryResult.Outcome.INVALID, WechatChannel.toResult(new WechatModels.SendResponse(47003, "arg", null)).outcome());
        assertEquals(DeliveryResult.Outcome.INVALID, WechatChannel.toResult(new WechatModels.SendResponse(40037, "tpl", null)).outcome());
        assertEquals(DeliveryResult.Outcome.RETRY, WechatChannel.toResult(new WechatModels.SendResponse(-1, "system error", null)).outcome());
        assertEquals(DeliveryResult.Outcome.RETRY, WechatChannel.toResult(new WechatModels.SendResponse(40001, "stale", null)).outcome());
    }
}
