package com.retailpulse.contracts.campaign;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.offer.OfferId;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One arm of a campaign: its {@code key} (also the experiment arm and the message source's step), its
 * relative {@code weight} among the variants, the channel, the Mustache templates of the title (optional)
 * and body (docs/templates.md), and the offer it presents (optional). Checked by {@link #problems(String)}
 * rather than in the constructor, so an event recorded under older rules can always be read again.
 */
public record CampaignVariant(String key, int weight, Channel channel, String title, String body, String offerId) {

    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    public static final int MAX_WEIGHT = 1000;

    /** Each problem as "field: what is wrong", the field prefixed with {@code at} (e.g. {@code variants[1]}). */
    public List<String> problems(String at) {
        List<String> problems = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            problems.add(at + ".key: 1–40 characters of a–z, 0–9 and -, starting with a letter or digit; got " + quoted(key));
        } else if (key.equals("holdout")) {
            problems.add(at + ".key: 'holdout' names the customers who get nothing; choose another key");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            problems.add(at + ".weight: must be 1–" + MAX_WEIGHT + ", got " + weight);
        }
        if (channel == null) {
            problems.add(at + ".channel: required, one of " + Channel.codes());
        }
        if (title != null && title.length() > 200) {
            problems.add(at + ".title: at most 200 characters, got " + title.length());
        }
        if (body == null || body.isBlank()) {
            problems.add(at + ".body: required (the message template)");
        }
        if (offerId != null) {
            try {
                new OfferId(offerId);
            } catch (IllegalArgumentException e) {
                problems.add(at + ".offerId: " + e.getMessage());
            }
        }
        return problems;
    }

    static String quoted(Object value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
