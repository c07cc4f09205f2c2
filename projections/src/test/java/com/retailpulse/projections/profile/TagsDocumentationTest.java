package com.retailpulse.projections.profile;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/tags.md lists every declared dimension, generated from {@link ProfileDimensions}: this test
 * fails when the list is out of date, and rewrites it when run with {@code -Dretailpulse.docs.write=true}:
 * {@code ./mvnw -pl projections -am test -Dtest=TagsDocumentationTest -Dsurefire.failIfNoSpecifiedTests=false -Dretailpulse.docs.write=true}
 */
class TagsDocumentationTest {

    static final String START = "<!-- generated from ProfileDimensions: start -->";
    static final String END = "<!-- generated from ProfileDimensions: end -->";

    static String render() {
        Map<String, List<ProfileDimensions.Dimension>> groups = new LinkedHashMap<>();
        ProfileDimensions.all().forEach(d -> groups.computeIfAbsent(d.group(), g -> new java.util.ArrayList<>()).add(d));
        StringBuilder md = new StringBuilder();
        md.append(START).append("\n\n");
        md.append("**").append(ProfileDimensions.all().size()).append(" built-in dimensions** under `tags.` in the profile and the ")
                .append("`profiles` index; with `orders.*` (8), `rfm.*` (7) and the identity and personal fields (9) a profile ")
                .append("carries ").append(ProfileDimensions.all().size() + 24)
                .append(" dimensions, plus one `tags.scenario.<key>` per scenario tag. ")
                .append("Days, hours and weekdays are counted in `retailpulse.tags.zone`; \"last N days\" includes today.\n\n");
        md.append("| group | dimensions |\n|---|---|\n");
        groups.forEach((g, ds) -> md.append("| ").append(g).append(" | ").append(ds.size()).append(" |\n"));
        groups.forEach((group, dims) -> {
            md.append("\n### ").append(group.substring(0, 1).toUpperCase(Locale.ROOT)).append(group.substring(1)).append("\n\n");
            md.append("| dimension | type | definition |\n|---|---|---|\n");
            dims.forEach(d -> md.append("| `").append(d.name()).append("` | ").append(d.type().name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(d.definition().replace("|", "\\|"))
                    .append(ProfileDimensions.zeroWhenAbsent(d.name()) ? " (absent = 0)" : "").append(" |\n"));
        });
        md.append("\nActivity kinds (`activity.<kind>.*` and tag conditions): ")
                .append(ProfileDimensions.ACTIVITY_KINDS.entrySet().stream().map(e -> "`" + e.getKey() + "` — " + e.getValue())
                        .collect(Collectors.joining("; ")))
                .append(". Per category: `<kind>:category=<category>` (views, cart changes and orders whose product has a category).\n\n");
        md.append(END);
        return md.toString();
    }

    @Test
    void docs_tags_md_lists_every_declared_dimension() throws IOException {
        Path doc = Path.of("..", "docs", "tags.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("docs/tags.md has the generated section markers").isNotNegative();
        String current = text.substring(start, end + END.length());
        String wanted = render();
        if (Boolean.getBoolean("retailpulse.docs.write")) {
            Files.writeString(doc, text.substring(0, start) + wanted + text.substring(end + END.length()), StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("docs/tags.md is out of date: run this test with -Dretailpulse.docs.write=true").isEqualTo(wanted);
    }
}
