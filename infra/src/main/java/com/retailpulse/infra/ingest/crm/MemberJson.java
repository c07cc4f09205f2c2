package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.ConsentChannel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A member record in JSON (one API item, or one line of a JSON-lines file) as a {@link MemberInput}. */
final class MemberJson {

    private static final String OPT_INS = "opt_ins";

    private MemberJson() {
    }

    static MemberInput toInput(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            errors.add("a member must be a JSON object");
            return new MemberInput(values, errors);
        }
        node.fields().forEachRemaining(entry -> {
            String field = MemberFields.canonical(entry.getKey());
            JsonNode value = entry.getValue();
            if (field.equals(OPT_INS)) {
                optIns(entry.getKey(), value, values, errors);
            } else if (!MemberFields.ALL.contains(field)) {
                errors.add(entry.getKey() + ": unknown field; known fields: " + String.join(", ", MemberFields.ALL));
            } else {
                scalar(entry.getKey(), field, value, values, errors);
            }
        });
        return new MemberInput(values, errors);
    }

    private static void optIns(String name, JsonNode value, Map<String, String> values, List<String> errors) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            errors.add(name + ": must be an object of channel to true/false, e.g. {\"sms\": true}");
            return;
        }
        value.fields().forEachRemaining(channel -> {
            String field = MemberFields.OPTIN_PREFIX + MemberFields.canonical(channel.getKey());
            if (!MemberFields.ALL.contains(field)) {
                errors.add(name + "." + channel.getKey() + ": unknown channel; known: "
                        + ConsentChannel.codes());
            } else {
                scalar(name + "." + channel.getKey(), field, channel.getValue(), values, errors);
            }
        });
    }

    private static void scalar(String name, String field, JsonNode value, Map<String, String> values, List<String> errors) {
        if (value.isNull()) {
            return;
        }
        if (value.isValueNode()) {
            values.put(field, value.asText());
        } else {
            errors.add(name + ": must be text, a number or true/false");
        }
    }
}
