package com.retailpulse.infra.ingest.crm;

import com.retailpulse.contracts.customer.ConsentChannel;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The member record's fields, named as CSV header columns (docs/sources/crm.md). JSON uses the
 * same names in camelCase ({@code memberCode}) or as written here; opt-ins also as an object
 * {@code "optIns": {"sms": true}}.
 */
final class MemberFields {

    static final String MEMBER_CODE = "member_code";
    static final String LEVEL = "level";
    static final String BIRTHDAY = "birthday";
    static final String GENDER = "gender";
    static final String HOUSEHOLD_SIZE = "household_size";
    static final String HAS_CHILDREN = "has_children";
    static final String REGION = "region";
    static final String NAME = "name";
    static final String PHONE = "phone";
    static final String EMAIL = "email";
    static final String ADDRESS = "address";
    static final String UPDATED_AT = "updated_at";
    static final String SOURCE = "source";
    static final String OPTIN_PREFIX = "optin_";

    /** Every known field, in the documented column order. */
    static final Set<String> ALL = new LinkedHashSet<>(Stream.concat(
            Stream.of(MEMBER_CODE, LEVEL, BIRTHDAY, GENDER, HOUSEHOLD_SIZE, HAS_CHILDREN, REGION, NAME, PHONE, EMAIL, ADDRESS),
            Stream.concat(Arrays.stream(ConsentChannel.values()).map(MemberFields::optIn), Stream.of(UPDATED_AT, SOURCE))).toList());

    private MemberFields() {
    }

    static String optIn(ConsentChannel channel) {
        return OPTIN_PREFIX + channel.code().replace('-', '_');
    }

    /** "memberCode", "Member Code", "member-code" and "member_code" all name member_code. */
    static String canonical(String name) {
        String snake = name.strip().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return snake.replaceAll("[\\s-]+", "_");
    }

    static List<String> header() {
        return List.copyOf(ALL);
    }
}
