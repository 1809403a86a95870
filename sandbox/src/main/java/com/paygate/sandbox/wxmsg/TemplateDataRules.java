package com.paygate.sandbox.wxmsg;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * WeChat's value rules for subscribe-message keywords ("thing2", "amount3", ...): the keyword type is the key
 * without its trailing number. A value breaking its rule is answered with 47003 naming the key, as WeChat does.
 */
final class TemplateDataRules {

    private static final Pattern TRAILING_DIGITS = Pattern.compile("\\d+$");
    private static final Map<String, Pattern> RULES = Map.ofEntries(
            Map.entry("character_string", Pattern.compile("[\\x21-\\x7e]{1,32}")),
            Map.entry("number", Pattern.compile("\\d{1,32}(\\.\\d+)?")),
            Map.entry("letter", Pattern.compile("[A-Za-z]{1,32}")),
            Map.entry("amount", Pattern.compile("[¥￥$]?\\d{1,10}(\\.\\d{1,2})?元?")),
            Map.entry("time", Pattern.compile("(\\d{4}[-年]\\d{1,2}[-月]\\d{1,2}日? )?\\d{1,2}:\\d{2}(:\\d{2})?")),
            Map.entry("date", Pattern.compile("\\d{4}[-年]\\d{1,2}[-月]\\d{1,2}日?( \\d{1,2}:\\d{2}(:\\d{2})?)?")),
            Map.entry("phone_number", Pattern.compile("[0-9+\\-]{1,17}")),
            Map.entry("phrase", Pattern.compile("\\p{IsHan}{1,5}")));

    private TemplateDataRules() {
    }

    /** The first key whose value WeChat would refuse, or null when all are acceptable. */
    static String firstInvalidKey(Map<String, WxApiModels.DataItem> data) {
        for (Map.Entry<String, WxApiModels.DataItem> entry : data.entrySet()) {
            String value = entry.getValue() == null ? null : entry.getValue().value();
            if (value == null || value.isBlank() || !acceptable(entry.getKey(), value)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private static boolean acceptable(String key, String value) {
        String type = TRAILING_DIGITS.matcher(key).replaceFirst("");
        if (type.equals("thing")) {
            return value.codePointCount(0, value.length()) <= 20;
        }
        Pattern rule = RULES.get(type);
        return rule == null || rule.matcher(value).matches();
    }
}
