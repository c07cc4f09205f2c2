package com.retailpulse.intelligence.data;

import com.retailpulse.intelligence.support.SharedData;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CdnowTextTest {

    @Test
    void a_sample_line_is_one_order_of_the_sample_customer_worth_its_dollars() throws Exception {
        List<Purchase> purchases = CdnowText.read(new StringReader("""
                 00004 0001 19970101  2   29.33
                 00004 0001 19970118  2   29.73
                """));

        assertThat(purchases).extracting(Purchase::customerId).containsExactly("1", "1");
        assertThat(purchases).extracting(Purchase::orderId).doesNotHaveDuplicates();
        assertThat(purchases.get(0).at()).isEqualTo(Instant.parse("1997-01-01T00:00:00Z"));
        assertThat(purchases.get(0).quantity()).isEqualTo(2);
        assertThat(purchases.get(0).amount()).isCloseTo(29.33, within(1e-9));
    }

    @Test
    void a_master_line_names_the_customer_by_its_first_column() throws Exception {
        List<Purchase> purchases = CdnowText.read(new StringReader("00021 19970113  1   11.77\n"));

        assertThat(purchases.get(0).customerId()).isEqualTo("21");
    }

    @Test
    void a_line_with_another_number_of_columns_is_rejected_with_its_number() {
        assertThatThrownBy(() -> CdnowText.read(new StringReader("00004 0001 19970101  2   29.33\n1 2\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void the_sample_file_holds_2357_customers() throws Exception {
        List<Purchase> purchases = CdnowText.read(SharedData.require("cdnow/CDNOW_sample.txt"));

        assertThat(purchases).hasSize(6_919);
        assertThat(purchases.stream().map(Purchase::customerId).distinct()).hasSize(2_357);
    }
}
