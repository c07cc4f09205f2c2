package com.retailpulse.intelligence.recommend;

import java.util.List;

/** "Bought A, also bought B": the products most related to one product, for a product page or a basket. */
public interface SimilarItems {

    /** At most {@code k} other products, most related first; empty for a product the model has never seen. */
    List<ScoredItem> similar(String sku, int k);
}
