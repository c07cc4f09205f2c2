package com.retailpulse.infra.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small POS transaction files in the UCI Online Retail layout, for import tests. */
public final class PosFiles {
    private PosFiles() {
    }

    /**
     * Two orders, one cancellation and one anonymous sale for {@code member}, plus two bad rows
     * (line 5: quantity "oops"; line 8: a negative price). Invoice numbers start with
     * {@code invoicePrefix}; the anonymous sale is {@code anonymousInvoice}.
     */
    public static String sample(String invoicePrefix, long member, String anonymousInvoice) {
        return """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                %1$s1,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,%2$s,United Kingdom
                %1$s1,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,%2$s,United Kingdom
                %1$s2,22633,HAND WARMER UNION JACK,6,2011-06-01 09:00:00,1.85,%2$s.0,United Kingdom
                %1$s2,22632,HAND WARMER RED POLKA DOT,oops,2011-06-01 09:00:00,1.85,%2$s,United Kingdom
                C%1$s3,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",-2,2011-06-02 10:00:00,2.55,%2$s,United Kingdom
                %3$s,22139,,56,2010-12-01 11:52:00,0,,United Kingdom
                %1$s4,21756,BATH BUILDING BLOCK WORD,3,2010-12-01 11:52:00,-5.95,%2$s,United Kingdom
                """.formatted(invoicePrefix + member, member, anonymousInvoice);
    }

    public static Path gzip(Path file, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
