-- The catalog orders are priced from: the client names a product, the server decides what it costs.
CREATE TABLE product (
    id            BIGINT       NOT NULL PRIMARY KEY,
    title         VARCHAR(100) NOT NULL,
    price_fen     BIGINT       NOT NULL,
    business_type VARCHAR(32)  NOT NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    CONSTRAINT ck_product_price CHECK (price_fen > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

INSERT INTO product (id, title, price_fen, business_type) VALUES
    (1, 'Lakeside homestay, one night', 39900, 'HOMESTAY'),
    (2, 'Mountain cabin homestay, one night', 58800, 'HOMESTAY'),
    (3, 'Beginner pottery course', 12800, 'COURSE'),
    (4, 'Online Java course, 12 lessons', 29900, 'COURSE'),
    (5, 'Tea gift box', 8800, 'MALL'),
    (6, 'Postcard set', 1, 'MALL');
