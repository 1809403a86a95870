package com.paygate.order.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, Long> {

    public Uni<List<Product>> listActive() {
        return list("active = true order by id");
    }

    public Uni<Product> findActive(long id) {
        return find("id = ?1 and active = true", id).firstResult();
    }
}
