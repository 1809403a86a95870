-- A signed Alipay pay URL holds the url-encoded subject (9 bytes per Chinese character) and return URL: 1024
-- characters did not fit a long product title, and the payment then failed with a 500 for that order forever.
ALTER TABLE payment MODIFY prepay_url TEXT NULL;
