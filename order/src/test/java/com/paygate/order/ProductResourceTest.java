package com.paygate.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductResourceTest {

    @Test
    void catalogIsReadFromTheDatabaseWithPricesInFen() {
        given().when().get("/api/products")
                .then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(6))
                .body("find { it.id == 1 }.priceFen", equalTo(39900))
                .body("find { it.id == 1 }.businessType", equalTo("HOMESTAY"));
    }

    @Test
    void unknownRouteAnswersWithAProblemBody() {
        given().when().get("/api/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("code", equalTo("HTTP_404"));
    }
}
