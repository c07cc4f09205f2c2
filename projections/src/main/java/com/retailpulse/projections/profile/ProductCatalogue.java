package com.retailpulse.projections.profile;

import com.retailpulse.contracts.customer.ProductRef;

/** What the brand's product catalogue says about a SKU (category, brand), for preference tags. */
public interface ProductCatalogue {

    /** @return the catalogue's entry, or null when the SKU is not in it */
    ProductRef find(String sku);

    ProductCatalogue EMPTY = sku -> null;
}
