package com.paygate.notifier.channel.wechat;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * WeChat's server API (base URL {@code notifier.wechat.base-url}). Business errors come back as HTTP 200 with an
 * errcode; callers inspect it. Used only through {@link AccessTokens} and {@link WechatChannel}.
 */
@RegisterRestClient(configKey = "wechat-api")
@Path("/cgi-bin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface WechatApi {

    @POST
    @Path("/stable_token")
    Uni<WechatModels.TokenResponse> stableToken(WechatModels.StableTokenRequest request);

    @POST
    @Path("/message/subscribe/send")
    Uni<WechatModels.SendResponse> sendSubscribeMessage(@QueryParam("access_token") String accessToken,
            WechatModels.SubscribeMessage message);
}
