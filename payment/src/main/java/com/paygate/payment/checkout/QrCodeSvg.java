package com.paygate.payment.checkout;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code as SVG, drawn from ZXing's module matrix. SVG rather than PNG: plain text, no AWT in the native image,
 * and sharp at whatever size the page gives it. One module is one user unit; runs of dark modules in a row are one
 * rectangle, which keeps a 2-hour {@code code_url} under 10 KB.
 */
public final class QrCodeSvg {

    /** The four-module quiet zone the QR standard asks for, so a camera finds the code on any background. */
    private static final int QUIET_ZONE = 4;

    private QrCodeSvg() {
    }

    /** Error correction M (15%): the level WeChat's and Alipay's own codes use; survives a glare or a crease. */
    public static String of(String content) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8",
                    EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
        }
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder path = new StringBuilder(width * height / 2);
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int run = x;
                while (run < width && matrix.get(run, y)) {
                    run++;
                }
                path.append('M').append(x).append(' ').append(y).append('h').append(run - x).append("v1h-").append(run - x).append('z');
                x = run;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" width=\"" + width * 8 + "\" height=\"" + height * 8 + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
