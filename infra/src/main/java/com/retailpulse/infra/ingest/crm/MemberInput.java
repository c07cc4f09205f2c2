package com.retailpulse.infra.ingest.crm;

import java.util.List;
import java.util.Map;

/**
 * One member record as a source delivered it, before validation: field name (see {@link MemberFields})
 * to text, and what was wrong with its shape (unknown fields, values of the wrong JSON type).
 */
record MemberInput(Map<String, String> values, List<String> errors) {

    MemberInput {
        values = Map.copyOf(values);
        errors = List.copyOf(errors);
    }

    String get(String field) {
        return values.get(field);
    }

    /** Field names only: the values may be personal data. */
    @Override
    public String toString() {
        return "MemberInput[fields=" + values.keySet() + ", errors=" + errors + "]";
    }
}
