package com.paygate.sandbox.alipay;

import com.paygate.sandbox.bills.BillFiles;
import com.paygate.sandbox.store.Provider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The download behind an Alipay bill_download_url: a plain GET, no signature either way, as Alipay's file server. */
@Path(AlipayBillQuery.DOWNLOAD_PATH)
public class AlipayBillResource {

    private final BillFiles files;

    public AlipayBillResource(BillFiles files) {
        this.files = files;
    }

    @GET
    @Path("/{file}")
    public Response download(@PathParam("file") String file) {
        String token = file.endsWith(AlipayBillQuery.SUFFIX) ? file.substring(0, file.length() - AlipayBillQuery.SUFFIX.length()) : null;
        return files.find(token, Provider.ALIPAY)
                .map(f -> Response.ok(f.bytes()).type(f.contentType())
                        .header("Content-Disposition", "attachment; filename=\"" + f.name() + "\"").build())
                .orElseGet(() -> Response.status(404).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                        .entity("账单下载链接已失效，请重新获取").build());
    }
}
