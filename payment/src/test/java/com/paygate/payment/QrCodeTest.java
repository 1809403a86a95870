package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.testing.DevTokens;
import com.paygate.testing.SandboxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * GET /api/payments/{paySn}/qr.svg: the scan-to-pay channels' code drawn by the server. The SVG is rasterised
 * here from its own rectangles and read back with ZXing's decoder, so the test checks what a camera would read,
 * not the markup. (The e2e browser test reads it from a real Chromium screenshot.)
 */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class QrCodeTest {

    @Test
    void eachQrChannelsCodeDecodesToWhatTheProviderAnswered() throws Exception {
        for (String channel : new String[] { "WECHAT_NATIVE", "ALIPAY_QR" }) {
            String user = Api.unique("u");
            String orderSn = Api.unique("O");
            OrderServiceDouble.seedOrder(orderSn, user, 4200, "WAIT_PAY");
            Response created = Api.createPayment(DevTokens.user(user), orderSn, channel);
            created.then().statusCode(201);
            String expected = created.path(channel.equals("WECHAT_NATIVE") ? "prepay.codeUrl" : "prepay.qrCode");

            Response svg = qr(user, created.path("paySn"));
            svg.then().statusCode(200).contentType("image/svg+xml").header("Cache-Control", "no-store");
            assertEquals(expected, decode(svg.asString()), channel);
        }
    }

    @Test
    void onlyTheOwnerOfAWaitingQrPaymentGetsACode() {
        String[] p = Api.nativePayment(1500);
        qr("someone-else", p[2]).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("PAYMENT_NOT_FOUND"));
        given().get("/api/payments/" + p[2] + "/qr.svg").then().statusCode(401);

        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, 1500, "WAIT_PAY");
        String h5 = Api.createPayment(DevTokens.user(user), orderSn, "WECHAT_H5").then().statusCode(201).extract().path("paySn");
        qr(user, h5).then().statusCode(404).body("code", equalTo("QR_CODE_NOT_FOUND"));

        // The prepay lapsed: no code (a repeat POST renews it).
        Db.update("prepayExpireAt = ?1 where paySn = ?2", Instant.now().minusSeconds(1), p[2]);
        qr(p[0], p[2]).then().statusCode(409).body("code", equalTo("PREPAY_EXPIRED"));

        // Paid (or closed): a code would only invite a second payment.
        Db.update("state = ?1 where paySn = ?2", PaymentState.CLOSED, p[2]);
        qr(p[0], p[2]).then().statusCode(409).body("code", equalTo("PAYMENT_NOT_PAYABLE"));
    }

    private static Response qr(String user, String paySn) {
        return given().header("Authorization", DevTokens.bearer(DevTokens.user(user))).get("/api/payments/" + paySn + "/qr.svg");
    }

    /** Draws the SVG's "M x y h w v1 h-w z" rectangles at 4 px per module and decodes the picture. */
    static String decode(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(box.find(), svg);
        int scale = 4;
        BufferedImage image = new BufferedImage(Integer.parseInt(box.group(1)) * scale, Integer.parseInt(box.group(2)) * scale,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg);
        int runs = 0;
        while (run.find()) {
            g.fillRect(Integer.parseInt(run.group(1)) * scale, Integer.parseInt(run.group(2)) * scale,
                    Integer.parseInt(run.group(3)) * scale, scale);
            runs++;
        }
        g.dispose();
        assertTrue(runs > 50, "a QR code has many dark runs: " + runs);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }
}
