package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The checkout page's language: Chinese unless asked for English (the words themselves are in checkout.js). */
@QuarkusTest
class CheckoutPageTest {

    @Test
    void chineseByDefaultEnglishByAcceptLanguageOrLang() {
        page(null, null).then().statusCode(200).header("Content-Language", "zh-CN").body(containsString("<html lang=\"zh-CN\">"));
        page("de-DE,de;q=0.9", null).then().header("Content-Language", "zh-CN");
        page("en-US,en;q=0.9,zh-CN;q=0.5", null).then().header("Content-Language", "en")
                .header("Vary", containsString("Accept-Language")).body(containsString("<html lang=\"en\">"));
        page("zh-CN,zh;q=0.9,en;q=0.8", null).then().header("Content-Language", "zh-CN");
        page("fr;q=0.9,zh;q=0.3,en;q=0.5", null).then().header("Content-Language", "en");
        page("en-US", "zh-CN").then().header("Content-Language", "zh-CN");
        page(null, "en").then().header("Content-Language", "en");
    }

    @Test
    void aMalformedOrderNumberIsAProblemNotAPage() {
        given().get("/checkout/<script>").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("ORDER_NOT_FOUND"));
    }

    private static io.restassured.response.Response page(String acceptLanguage, String lang) {
        var request = given();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        if (lang != null) {
            request.queryParam("lang", lang);
        }
        return request.get("/checkout/O123");
    }
}
