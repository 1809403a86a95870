package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.paygate.payment.support.Api;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.testing.DevTokens;
import com.paygate.testing.SandboxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Who may call what: tokens the services must refuse, and admin endpoints a user token may not reach. */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class AuthTest {

    @Test
    void tokensSignedByAnotherKeyExpiredOrFromAnotherIssuerAre401() {
        String[] p = Api.nativePayment(210);
        for (String token : List.of(DevTokens.signedByAnotherKey(p[0]), DevTokens.expired(p[0]),
                DevTokens.fromIssuer(p[0], "https://someone-else.example"))) {
            given().header("Authorization", DevTokens.bearer(token)).get("/api/payments/" + p[2])
                    .then().statusCode(401).contentType("application/problem+json");
        }
        // The same payment with a good token, so the 401s above are about the tokens alone.
        Api.getPayment(DevTokens.user(p[0]), p[2]).then().statusCode(200).body("paySn", equalTo(p[2]));
    }

    @Test
    void everyAdminEndpointRefusesAUserToken() {
        String[] p = Api.nativePayment(220);
        String user = DevTokens.bearer(DevTokens.user(p[0]));
        List<Function<RequestSpecification, io.restassured.response.Response>> calls = List.of(
                r -> r.get("/api/admin/payments/" + p[2] + "/refunds"),
                r -> r.header("Idempotency-Key", "k1").contentType("application/json").body("{\"amountFen\":1,\"reason\":\"x\"}")
                        .post("/api/admin/payments/" + p[2] + "/refunds"),
                r -> r.get("/api/admin/dead-letters/order-events-dlq"),
                r -> r.post("/api/admin/dead-letters/order-events-dlq/replay"));
        for (var call : calls) {
            call.apply(given().header("Authorization", user)).then().statusCode(403).contentType("application/problem+json");
            call.apply(given()).then().statusCode(401);
        }
    }
}
