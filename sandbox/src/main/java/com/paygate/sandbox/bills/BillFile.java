package com.paygate.sandbox.bills;

import com.paygate.sandbox.store.Provider;

/**
 * A generated bill as downloaded.
 *
 * @param bytes what the download answers (gzip- or zip-compressed when asked for)
 * @param sha1 lowercase hex SHA-1 of the uncompressed file (WeChat's hash_value; for Alipay's zip, of the detail file)
 */
public record BillFile(Provider provider, String name, String contentType, byte[] bytes, String sha1) {
}
