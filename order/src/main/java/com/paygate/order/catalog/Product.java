package com.paygate.order.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(nullable = false)
    public String title;

    @Column(name = "price_fen", nullable = false)
    public long priceFen;

    @Column(name = "business_type", nullable = false)
    public String businessType;

    @Column(nullable = false)
    public boolean active;
}
