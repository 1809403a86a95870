package com.paygate.sandbox.wxmsg;

import com.paygate.sandbox.keys.SandboxIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * WeChat's access-token endpoints for the mini-program: {@code POST /cgi-bin/stable_token} and the classic
 * {@code GET /cgi-bin/token}. Errors come back as HTTP 200 with an errcode, exactly like WeChat.
 */
@Path("/cgi-bin")
@Produces(MediaType.APPLICATION_JSON)
public class WxTokenResource {

    private final WxMsgStore store;
    private final SandboxIdentity identity;

    public WxTokenResource(WxMsgStore store, SandboxIdentity identity) {
        this.store = store;
        this.identity = identity;
    }

    @POST
    @Path("/stable_token")
    @Consumes(MediaType.APPLICATION_JSON)
    public WxApiModels.TokenResponse stableToken(WxApiModels.StableTokenRequest request) {
        if (request == null) {
            return WxApiModels.TokenResponse.error(47001, "data format error");
        }
        WxApiModels.TokenResponse refused = checkCredentials(request.grantType(), request.appid(), request.secret());
        if (refused != null) {
            return refused;
        }
        String token = store.stableToken(Boolean.TRUE.equals(request.forceRefresh()));
        return WxApiModels.TokenResponse.issued(token, (int) WxMsgStore.TOKEN_TTL.toSeconds());
    }

    @GET
    @Path("/token")
    public WxApiModels.TokenResponse token(@QueryParam("grant_type") String grantType, @QueryParam("appid") String appid,
            @QueryParam("secret") String secret) {
        WxApiModels.TokenResponse refused = checkCredentials(grantType, appid, secret);
        if (refused != null) {
            return refused;
        }
        return WxApiModels.TokenResponse.issued(store.newToken(), (int) WxMsgStore.TOKEN_TTL.toSeconds());
    }

    private WxApiModels.TokenResponse checkCredentials(String grantType, String appid, String secret) {
        if (!"client_credential".equals(grantType)) {
            return WxApiModels.TokenResponse.error(40002, "invalid grant_type");
        }
        if (appid == null || appid.isBlank()) {
            return WxApiModels.TokenResponse.error(41002, "appid missing");
        }
        if (secret == null || secret.isBlank()) {
            return WxApiModels.TokenResponse.error(41004, "appsecret missing");
        }
        if (!identity.id("miniprogram.app-id").equals(appid)) {
            return WxApiModels.TokenResponse.error(40013, "invalid appid");
        }
        if (!identity.id("miniprogram.app-secret").equals(secret)) {
            return WxApiModels.TokenResponse.error(40125, "invalid appsecret");
        }
        return null;
    }
}
