package com.retailpulse.infra.ingest.crm;

import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.Gender;
import com.retailpulse.contracts.customer.Household;
import com.retailpulse.privacy.IdentifierPseudonymizer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a member record field by field. Every problem is reported as "field: what is wrong";
 * personal data (name, phone, e-mail, address) is never repeated in a message, since messages are
 * stored with import rejects and returned to callers.
 */
final class MemberRowParser {

    static final String DEFAULT_SOURCE = "crm";
    private static final Pattern MEMBER_CODE = Pattern.compile("[\\p{L}\\p{N}._-]{1,64}");
    private static final Pattern LEVEL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0,31}");
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._:/-]{0,63}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final LocalDate EARLIEST_BIRTHDAY = LocalDate.of(1900, 1, 1);
    /** Clocks of sources differ a little; more than this ahead is a wrong date. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Map<String, Gender> GENDER_ALIASES = Map.ofEntries(
            Map.entry("f", Gender.FEMALE), Map.entry("female", Gender.FEMALE), Map.entry("woman", Gender.FEMALE), Map.entry("女", Gender.FEMALE),
            Map.entry("m", Gender.MALE), Map.entry("male", Gender.MALE), Map.entry("man", Gender.MALE), Map.entry("男", Gender.MALE),
            Map.entry("other", Gender.OTHER), Map.entry("o", Gender.OTHER), Map.entry("其他", Gender.OTHER),
            Map.entry("undisclosed", Gender.UNDISCLOSED), Map.entry("unknown", Gender.UNDISCLOSED),
            Map.entry("u", Gender.UNDISCLOSED), Map.entry("未知", Gender.UNDISCLOSED));

    private final Clock clock;

    MemberRowParser(Clock clock) {
        this.clock = clock;
    }

    /** The valid member, or the list of problems (never both). */
    record Result(ParsedMember member, List<String> errors) {
        boolean valid() {
            return member != null;
        }
    }

    Result parse(MemberInput input) {
        List<String> errors = new ArrayList<>(input.errors());
        Instant now = clock.instant();

        String memberCode = text(input, MemberFields.MEMBER_CODE);
        if (memberCode == null) {
            errors.add("member_code: is required");
        } else if (!MEMBER_CODE.matcher(memberCode).matches()) {
            errors.add("member_code: '" + memberCode + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String level = text(input, MemberFields.LEVEL);
        if (level != null && !LEVEL.matcher(level).matches()) {
            errors.add("level: '" + level + "' must be 1 to 32 letters, digits, spaces, '_' or '-', starting with a letter or digit");
        }
        LocalDate birthday = birthday(text(input, MemberFields.BIRTHDAY), LocalDate.ofInstant(now, ZoneOffset.UTC), errors);
        Gender gender = gender(text(input, MemberFields.GENDER), errors);
        Integer householdSize = householdSize(text(input, MemberFields.HOUSEHOLD_SIZE), errors);
        Boolean hasChildren = yesNo(MemberFields.HAS_CHILDREN, text(input, MemberFields.HAS_CHILDREN), errors);
        String region = text(input, MemberFields.REGION);
        if (region != null && !LEVEL.matcher(region).matches()) {
            errors.add("region: '" + region + "' must be 1 to 32 letters, digits, spaces, '_' or '-' (a city or province, not an address)");
        }
        String name = freeText(MemberFields.NAME, text(input, MemberFields.NAME), 100, errors);
        String address = freeText(MemberFields.ADDRESS, text(input, MemberFields.ADDRESS), 500, errors);
        String phone = normalized(MemberFields.PHONE, text(input, MemberFields.PHONE), true, errors);
        String email = normalized(MemberFields.EMAIL, text(input, MemberFields.EMAIL), false, errors);
        Map<ConsentChannel, Boolean> optIns = new EnumMap<>(ConsentChannel.class);
        for (ConsentChannel channel : ConsentChannel.values()) {
            String field = MemberFields.optIn(channel);
            Boolean optedIn = yesNo(field, text(input, field), errors);
            if (optedIn != null) {
                optIns.put(channel, optedIn);
            }
        }
        Instant updatedAt = time(MemberFields.UPDATED_AT, text(input, MemberFields.UPDATED_AT), now, errors);
        String source = text(input, MemberFields.SOURCE);
        if (source != null && !SOURCE.matcher(source).matches()) {
            errors.add("source: '" + source + "' must be 1 to 64 lower-case letters, digits or . _ : / -");
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        Household household = householdSize == null && hasChildren == null ? null : new Household(householdSize, hasChildren);
        return new Result(new ParsedMember(memberCode, level, birthday, gender, household, region, name, phone, email, address,
                updatedAt, source == null ? DEFAULT_SOURCE : source, optIns), List.of());
    }

    private static String text(MemberInput input, String field) {
        String value = input.get(field);
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static LocalDate birthday(String text, LocalDate today, List<String> errors) {
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.isAfter(today)) {
                errors.add("birthday: '" + text + "' is in the future");
            } else if (date.isBefore(EARLIEST_BIRTHDAY)) {
                errors.add("birthday: '" + text + "' is before " + EARLIEST_BIRTHDAY);
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add("birthday: '" + text + "' is not a date like 1990-05-01 (ISO-8601, yyyy-MM-dd)");
            return null;
        }
    }

    private static Gender gender(String text, List<String> errors) {
        if (text == null) {
            return null;
        }
        Gender gender = GENDER_ALIASES.get(text.toLowerCase(Locale.ROOT));
        if (gender == null) {
            errors.add("gender: unknown gender '" + text + "'; known: " + Gender.codes() + " (also f, m, 女, 男)");
        }
        return gender;
    }

    private static Integer householdSize(String text, List<String> errors) {
        if (text == null) {
            return null;
        }
        try {
            int size = Integer.parseInt(text);
            if (size < 1 || size > 20) {
                errors.add("household_size: " + size + " must be 1 to 20");
                return null;
            }
            return size;
        } catch (NumberFormatException e) {
            errors.add("household_size: '" + text + "' is not a whole number");
            return null;
        }
    }

    private static Boolean yesNo(String field, String text, List<String> errors) {
        if (text == null) {
            return null;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "是", "opt-in", "optin" -> {
                return true;
            }
            case "false", "no", "n", "0", "否", "opt-out", "optout" -> {
                return false;
            }
            default -> {
                errors.add(field + ": '" + text + "' is not a yes/no value (true/false, yes/no, y/n, 1/0)");
                return null;
            }
        }
    }

    private static String freeText(String field, String text, int max, List<String> errors) {
        if (text == null) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            errors.add(field + ": longer than " + max + " characters");
        } else if (CONTROL.matcher(text).find()) {
            errors.add(field + ": contains control characters");
        }
        return text;
    }

    private static String normalized(String field, String text, boolean phone, List<String> errors) {
        if (text == null) {
            return null;
        }
        try {
            return phone ? IdentifierPseudonymizer.normalizePhone(text) : IdentifierPseudonymizer.normalizeEmail(text);
        } catch (IllegalArgumentException e) {
            errors.add(field + ": " + e.getMessage());
            return null;
        }
    }

    static Instant time(String field, String text, Instant now, List<String> errors) {
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field + ": '" + text + "' is not a time with offset like 2026-11-20T10:00:00+08:00 (ISO-8601)");
            return null;
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(field + ": '" + text + "' is in the future (now is " + now + ")");
        }
        return at;
    }
}
