package com.paygate.order.rest;

import com.paygate.order.catalog.ProductRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Products", description = "The catalog orders are priced from")
public class ProductResource {

    private final ProductRepository products;

    public ProductResource(ProductRepository products) {
        this.products = products;
    }

    public record ProductView(long id, String title, long priceFen, String businessType) {
    }

    @GET
    @PermitAll
    @Operation(operationId = "listProducts", summary = "The products on sale (no token needed)")
    @APIResponse(responseCode = "200", description = "The products")
    @WithSession
    public Uni<List<ProductView>> list() {
        return products.listActive().map(list -> list.stream()
                .map(p -> new ProductView(p.id, p.title, p.priceFen, p.businessType))
                .toList());
    }
}
