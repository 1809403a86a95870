-- An app created in test mode pays through the test-mode providers (payment.test-mode.*, a sandbox) only. Set at
-- creation and never changed, so a payment's provider and its app's mode always agree.
ALTER TABLE app ADD COLUMN test_mode BOOLEAN NOT NULL DEFAULT FALSE AFTER wechat_app;
