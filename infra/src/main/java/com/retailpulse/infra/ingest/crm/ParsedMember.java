package com.retailpulse.infra.ingest.crm;

import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.Gender;
import com.retailpulse.contracts.customer.Household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A valid member record: phone and e-mail normalised, everything else trimmed; personal data still
 * in clear (it is encrypted for the resolved customer just before the command is sent).
 *
 * @param updatedAt when the CRM changed the record, if it says; null: the time it was received
 * @param optIns    channel to opted in (true) or out (false); channels the record leaves blank are absent
 */
record ParsedMember(String memberCode, String level, LocalDate birthday, Gender gender, Household household, String region,
                    String name, String phone, String email, String address, Instant updatedAt, String source,
                    Map<ConsentChannel, Boolean> optIns) {

    /** Every value the member profile is made of, in a fixed order, for its fingerprint. */
    List<String> fingerprintValues() {
        return Arrays.asList(memberCode, level, birthday == null ? null : birthday.toString(),
                gender == null ? null : gender.code(),
                household == null || household.size() == null ? null : household.size().toString(),
                household == null || household.hasChildren() == null ? null : household.hasChildren().toString(),
                region,
                name, phone, email, address);
    }

    /** Never the personal data. */
    @Override
    public String toString() {
        return "ParsedMember[" + memberCode + "]";
    }
}
