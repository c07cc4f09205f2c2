package com.retailpulse.infra.models;

import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Training requests that cannot be planned are refused before anything is queued, with what is wrong. */
@IntegrationTest
class ModelTrainingRequestsTest {

    @LocalServerPort
    int port;

    @Test
    void unknown_models_options_and_malformed_plans_are_named_in_a_400() {
        Api api = new Api(port);
        Api.Response unknown = api.postJson("/api/v1/models/propensity/trainings", Api.admin(), "");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown model 'propensity'").contains("churn, clusters, ltv, recommendations");

        Api.Response option = api.postJson("/api/v1/models/clusters/trainings?k=5", Api.admin(), "");
        assertThat(option.status()).isEqualTo(400);
        assertThat(option.body()).contains("model clusters takes no options, got [k]");

        Api.Response churnOption = api.postJson("/api/v1/models/churn/trainings?depth=3", Api.admin(), "");
        assertThat(churnOption.status()).isEqualTo(400);
        assertThat(churnOption.body()).contains("unknown option 'depth' for model churn");

        Api.Response badDate = api.postJson("/api/v1/models/churn/trainings?holdout=2011-09-10", Api.admin(), "");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("2011-09-10T00:00:00Z");

        Api.Response backwards = api.postJson("/api/v1/models/churn/trainings?trainingFrom=2011-06&trainingTo=2011-01", Api.admin(), "");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("trainingFrom 2011-06 is after trainingTo 2011-01");

        Api.Response badCutoff = api.postJson("/api/v1/models/ltv/trainings?cutoff=yesterday", Api.admin(), "");
        assertThat(badCutoff.status()).isEqualTo(400);

        assertThat(api.postJson("/api/v1/models/ltv/trainings", Api.analyst(), "").status()).isEqualTo(403);
    }
}
