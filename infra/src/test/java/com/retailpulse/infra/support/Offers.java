package com.retailpulse.infra.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Offers made through the API as a marketer would. */
public final class Offers {

    private Offers() {
    }

    /** Creates and activates an offer; answers its id. */
    public static String active(Api api, String json) {
        Api.Response created = api.postJson("/api/v1/offers", Api.marketer(), json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("offerId").asText();
        Api.Response activated = api.postJson("/api/v1/offers/" + id + "/activate", Api.marketer(), "");
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        return id;
    }
}
