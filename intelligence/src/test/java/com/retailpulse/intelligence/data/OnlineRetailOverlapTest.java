package com.retailpulse.intelligence.data;

import com.retailpulse.intelligence.support.SharedData;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnlineRetailOverlapTest {
    /** II layout, ends inside the 2010–2011 file's first days: invoice 536365 is in both. */
    static final String FIRST_SHEET = """
            Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
            489434,85048,CHRISTMAS GLASS BALL,12,2009-12-01 07:45:00,6.95,13085.0,United Kingdom
            536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
            536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
            536365,71053,LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom
            """;
    static final String SECOND_FILE = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
            536365,71053,LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom
            536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
            581587,22613,PACK OF 20 SPACEBOY NAPKINS,12,2011-12-09 12:50:00,0.85,12680,France
            """;

    @Test
    void an_invoice_in_both_exports_is_counted_once_with_its_repeated_lines_kept() throws Exception {
        List<Purchase> merged = OverlappingExports.merge(List.of(
                OnlineRetailCsv.read(new StringReader(FIRST_SHEET)), OnlineRetailCsv.read(new StringReader(SECOND_FILE))));

        assertThat(merged).extracting(Purchase::orderId).containsExactly("489434", "536365", "536365", "536365", "581587");
        // The two identical HEART lines are two scans in one invoice, not a copy from the other file.
        assertThat(merged.stream().filter(p -> p.sku().equals("85123A"))).hasSize(2);
        assertThat(merged.get(1).customerId()).isEqualTo("17850");
    }

    @Test
    void an_invoice_whose_lines_differ_between_exports_is_refused() throws Exception {
        String edited = SECOND_FILE.replace("71053,LANTERN,6", "71053,LANTERN,5");

        assertThatThrownBy(() -> OverlappingExports.merge(List.of(
                OnlineRetailCsv.read(new StringReader(FIRST_SHEET)), OnlineRetailCsv.read(new StringReader(edited)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invoice 536365 has different lines");
    }

    @Test
    void a_single_export_passes_through_unchanged() throws Exception {
        List<Purchase> one = OnlineRetailCsv.read(new StringReader(SECOND_FILE));

        assertThat(OverlappingExports.merge(List.of(one))).isEqualTo(one);
    }

    @Test
    void the_two_online_retail_files_share_901_invoices_of_known_customers_and_join_into_two_years() throws Exception {
        List<Purchase> first = OnlineRetailCsv.read(SharedData.require("online-retail/online_retail_ii_2009_2010.csv.gz"));
        List<Purchase> second = OnlineRetailCsv.read(SharedData.require("online-retail/online_retail_2010_2011.csv.gz"));

        List<Purchase> merged = OverlappingExports.merge(List.of(first, second));

        Set<String> shared = first.stream().map(Purchase::orderId).collect(Collectors.toSet());
        shared.retainAll(second.stream().map(Purchase::orderId).collect(Collectors.toSet()));
        assertThat(first).hasSize(417_534);
        assertThat(shared).hasSize(901);
        // 14,803 lines of those invoices are in each file; every one is the same in both (else merge throws).
        assertThat(merged).hasSize(417_534 + 406_829 - 14_803);
        assertThat(merged.stream().filter(p -> !p.isReturn()).map(Purchase::customerId).distinct()).hasSize(5_881);
    }
}
