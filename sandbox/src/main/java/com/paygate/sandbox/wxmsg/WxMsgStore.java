package com.paygate.sandbox.wxmsg;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory state of the message API: issued access tokens, accepted messages and the fault knobs. Everything is
 * lost on restart, as a sandbox should be.
 */
@ApplicationScoped
public class WxMsgStore {

    static final Duration TOKEN_TTL = Duration.ofSeconds(7200);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> validTokens = new ConcurrentHashMap<>();
    private final List<String> everIssued = new ArrayList<>();
    private final List<ReceivedMessage> messages = new ArrayList<>();
    private final AtomicLong msgIds = new AtomicLong(2_000_000_000L);
    private final AtomicInteger failNextSends = new AtomicInteger();
    private final Map<String, AtomicInteger> failNextSendsTo = new ConcurrentHashMap<>();
    private final AtomicLong rejectedStaleTokens = new AtomicLong();
    private volatile long delayMs;
    private String stableToken;

    /** The stable token stays the same until it expires or is invalidated, like WeChat's stable_token without force_refresh. */
    synchronized String stableToken(boolean forceRefresh) {
        if (forceRefresh || stableToken == null || !isValid(stableToken)) {
            stableToken = issue();
        }
        return stableToken;
    }

    /** The classic /cgi-bin/token hands out a fresh token on every call. */
    synchronized String newToken() {
        return issue();
    }

    private String issue() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        validTokens.put(token, Instant.now().plus(TOKEN_TTL));
        everIssued.add(token);
        return token;
    }

    boolean isValid(String token) {
        Instant expiry = token == null ? null : validTokens.get(token);
        return expiry != null && Instant.now().isBefore(expiry);
    }

    void countStaleToken() {
        rejectedStaleTokens.incrementAndGet();
    }

    synchronized void expireTokensNow() {
        validTokens.clear();
        stableToken = null;
    }

    /**
     * True when this send must answer "system error": consumes one unit of the budget for this openid if one is
     * set, else of the global budget.
     */
    boolean consumeFailure(String touser) {
        AtomicInteger scoped = touser == null ? null : failNextSendsTo.get(touser);
        if (scoped != null && scoped.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return true;
        }
        return failNextSends.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    synchronized ReceivedMessage accept(WxApiModels.SubscribeSendRequest request) {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        request.data().forEach((key, item) -> data.put(key, item == null ? null : item.value()));
        ReceivedMessage message = new ReceivedMessage(msgIds.incrementAndGet(), request.touser(), request.templateId(),
                request.page(), request.miniprogramState(), request.lang(), data, Instant.now().toString());
        messages.add(message);
        return message;
    }

    synchronized List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    void setFailNextSends(int n) {
        failNextSends.set(Math.max(0, n));
    }

    /** Failures for one openid only, so tests sharing the sandbox with other traffic fail just their own sends. */
    void setFailNextSendsTo(String touser, int n) {
        failNextSendsTo.put(touser, new AtomicInteger(Math.max(0, n)));
    }

    void setDelayMs(long ms) {
        delayMs = Math.max(0, ms);
    }

    long delayMs() {
        return delayMs;
    }

    synchronized void resetFaults() {
        failNextSends.set(0);
        failNextSendsTo.clear();
        delayMs = 0;
    }

    synchronized Stats stats() {
        return new Stats(everIssued.size(), List.copyOf(everIssued), rejectedStaleTokens.get(), failNextSends.get(), delayMs,
                messages.size());
    }

    /** What the sandbox reports about itself: the issued tokens are listed so tests can prove they never leak into logs. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Stats(int tokensIssued, List<String> issuedTokens, long staleTokenRejections, int failNextSends,
            long delayMs, int messagesAccepted) {
    }
}
