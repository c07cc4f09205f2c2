package com.retailpulse.intelligence.data;

import com.retailpulse.intelligence.support.SharedData;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OnlineRetailCsvTest {

    @Test
    void the_2010_2011_file_gives_the_published_purchases_of_known_customers() throws Exception {
        List<Purchase> purchases = OnlineRetailCsv.read(SharedData.require("online-retail/online_retail_2010_2011.csv.gz"));

        // ../shared/data/README.md: 406,829 rows with a CustomerID; 397,924 of them with Quantity > 0 from 4,339 customers.
        assertThat(purchases).hasSize(406_829);
        assertThat(purchases.stream().filter(p -> !p.isReturn())).hasSize(397_924);
        assertThat(purchases.stream().filter(p -> !p.isReturn()).map(Purchase::customerId).distinct()).hasSize(4_339);
    }

    @Test
    void lines_without_a_customer_or_with_a_negative_price_are_not_purchases() throws Exception {
        String csv = """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
                536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom
                A563186,B,Adjust bad debt,1,2011-08-12 14:51:00,-11062.06,17850,United Kingdom
                C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527,United Kingdom
                """;

        List<Purchase> purchases = OnlineRetailCsv.read(new StringReader(csv));

        assertThat(purchases).extracting(Purchase::orderId).containsExactly("536365", "C536379");
        assertThat(purchases.get(1).isReturn()).isTrue();
        assertThat(purchases.get(0).amount()).isEqualTo(6 * 2.55);
    }
}
