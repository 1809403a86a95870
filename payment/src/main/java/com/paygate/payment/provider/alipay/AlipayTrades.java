package com.paygate.payment.provider.alipay;

import com.paygate.payment.domain.PaymentState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Alipay's words in ours, in one place: trade_status, yuan amounts, Beijing wall-clock times. */
final class AlipayTrades {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlipayTrades() {
    }

    /**
     * TRADE_FINISHED is a paid trade past its refund window. TRADE_CLOSED is an unpaid trade closed, or a paid one
     * fully refunded: for a paid payment the state machine refuses SUCCESS -> CLOSED and raises an alert.
     */
    static PaymentState state(String tradeStatus) {
        return switch (tradeStatus == null ? "" : tradeStatus) {
            case "WAIT_BUYER_PAY" -> PaymentState.NOTPAY;
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> PaymentState.SUCCESS;
            case "TRADE_CLOSED" -> PaymentState.CLOSED;
            default -> throw new IllegalArgumentException("unknown trade_status");
        };
    }

    /** "25.00" from 2500 fen. */
    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** 2500 from "25.00" (or "25" / "25.0"); IllegalArgumentException for anything that is not a whole number of fen. */
    static long fen(String yuan) {
        if (yuan == null || yuan.isBlank()) {
            throw new IllegalArgumentException("amount missing");
        }
        try {
            return new BigDecimal(yuan.trim()).movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("amount malformed");
        }
    }

    static String time(Instant instant) {
        return TIME.format(instant.atZone(BEIJING));
    }

    /** null for a missing or unreadable time (gmt_payment is informative; the state and amount decide). */
    static Instant parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), TIME).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
