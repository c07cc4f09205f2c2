package com.retailpulse.projections.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import co.elastic.clients.json.JsonData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Elasticsearch read model kept in a concrete, versioned index ({@code <name>-v<n>}) behind two aliases:
 * {@code <name>} that queries read, and {@code <name>-write} that the projection writes. Normally both point
 * at the same index. A rebuild ({@link #beginRebuild}) creates the next version and moves only the write
 * alias to it, so queries keep reading the old, complete index while the projection replays into the new
 * one; {@link #completeRebuild} then moves the read alias in one atomic alias update and drops the old index.
 *
 * <p>The state lives in Elasticsearch itself (the aliases, and the new index's {@code _meta}: the event
 * position the replay must reach), so a node restarted during a rebuild finds it and carries on.
 * Works on the integ-test distribution: index creation, aliases and deletion are core APIs.
 */
public class AliasedIndex {

    static final String REBUILD_UNTIL = "rebuildUntilPosition";
    static final String REBUILD_STARTED = "rebuildStartedAt";

    private final ElasticsearchClient client;
    private final String name;
    private final int replicas;
    private final Supplier<TypeMapping> mapping;
    private final Pattern version;

    public AliasedIndex(ElasticsearchClient client, String name, int replicas, Supplier<TypeMapping> mapping) {
        this.client = client;
        this.name = name;
        this.replicas = replicas;
        this.mapping = mapping;
        this.version = Pattern.compile(Pattern.quote(name) + "-v(\\d+)");
    }

    /** The alias queries read. */
    public String readAlias() {
        return name;
    }

    /** The alias the projection writes (and reads its own bookkeeping from). */
    public String writeAlias() {
        return name + "-write";
    }

    /**
     * Where the read model stands: the index queries read, the index the projection writes, and during a
     * rebuild the event position the replay must reach and when it started.
     */
    public record State(String readIndex, String writeIndex, Long rebuildUntilPosition, Instant rebuildStartedAt) {
        public boolean rebuilding() {
            return !readIndex.equals(writeIndex);
        }
    }

    /** Creates version 1 with both aliases when the read model does not exist yet; adds new fields otherwise. */
    public void ensureExists() {
        try {
            if (client.indices().existsAlias(a -> a.name(name)).value()) {
                State state = state();
                TypeMapping m = mapping.get();
                // read and write aliases name the same index except during a rebuild
                for (String index : new java.util.LinkedHashSet<>(java.util.List.of(state.readIndex(), state.writeIndex()))) {
                    client.indices().putMapping(p -> p.index(index).properties(m.properties()));
                }
                return;
            }
            if (client.indices().exists(e -> e.index(name)).value()) {
                throw new IllegalStateException("Elasticsearch has an index named " + name + " where the read alias of that name "
                        + "belongs; delete it (the read model is rebuilt by replay) or choose another index name");
            }
            String first = name + "-v1";
            client.indices().create(c -> c.index(first)
                    .settings(s -> s.numberOfReplicas(Integer.toString(replicas)))
                    .mappings(mapping.get())
                    .aliases(name, a -> a)
                    .aliases(writeAlias(), a -> a.isWriteIndex(true)));
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create read model " + name, e);
        }
    }

    public State state() {
        try {
            String read = aliasTarget(name).orElseThrow(() -> new IllegalStateException("no read alias " + name));
            String write = aliasTarget(writeAlias()).orElse(read);
            if (read.equals(write)) {
                return new State(read, write, null, null);
            }
            Map<String, JsonData> meta = client.indices().getMapping(g -> g.index(write)).get(write).mappings().meta();
            Long until = meta.containsKey(REBUILD_UNTIL) ? meta.get(REBUILD_UNTIL).to(Long.class) : null;
            Instant started = meta.containsKey(REBUILD_STARTED) ? Instant.parse(meta.get(REBUILD_STARTED).to(String.class)) : null;
            return new State(read, write, until, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the aliases of " + name, e);
        }
    }

    private Optional<String> aliasTarget(String alias) throws IOException {
        try {
            Map<String, IndexAliases> found = client.indices().getAlias(g -> g.name(alias)).result();
            return found.keySet().stream().sorted().reduce((a, b) -> b);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Creates the next version of the index and points the write alias at it; the read alias stays.
     *
     * @param untilPosition the event position the replay must reach before the new index is complete
     * @return the new index
     * @throws IllegalStateException when a rebuild is already under way
     */
    public String beginRebuild(long untilPosition, Instant startedAt) {
        State state = state();
        if (state.rebuilding()) {
            throw new IllegalStateException("a rebuild of " + name + " into " + state.writeIndex() + " is already under way");
        }
        String next = name + "-v" + (versionOf(state.writeIndex()) + 1);
        try {
            TypeMapping m = mapping.get();
            // Left over from a start that failed before the alias moved: nothing reads it.
            client.indices().delete(d -> d.index(next).ignoreUnavailable(true));
            client.indices().create(c -> c.index(next)
                    .settings(s -> s.numberOfReplicas(Integer.toString(replicas)))
                    .mappings(mm -> mm.properties(m.properties())
                            .meta(Map.of(REBUILD_UNTIL, JsonData.of(untilPosition), REBUILD_STARTED, JsonData.of(startedAt.toString())))));
            client.indices().updateAliases(u -> u
                    .actions(a -> a.remove(r -> r.index(state.writeIndex()).alias(writeAlias())))
                    .actions(a -> a.add(ad -> ad.index(next).alias(writeAlias()).isWriteIndex(true))));
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start rebuilding " + name, e);
        }
    }

    /**
     * Makes the rebuilt index the one queries read, in one atomic alias update, then drops the old one.
     *
     * @return the index dropped, empty when no rebuild was under way
     */
    public Optional<String> completeRebuild() {
        State state = state();
        if (!state.rebuilding()) {
            return Optional.empty();
        }
        try {
            client.indices().refresh(r -> r.index(state.writeIndex()));
            client.indices().updateAliases(u -> u
                    .actions(a -> a.remove(r -> r.index(state.readIndex()).alias(name)))
                    .actions(a -> a.add(ad -> ad.index(state.writeIndex()).alias(name))));
            client.indices().delete(d -> d.index(state.readIndex()).ignoreUnavailable(true));
            return Optional.of(state.readIndex());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch " + name + " to " + state.writeIndex(), e);
        }
    }

    int versionOf(String index) {
        Matcher m = version.matcher(index);
        if (!m.matches()) {
            throw new IllegalStateException(index + " is not a version of " + name + " (" + name + "-v<n>)");
        }
        return Integer.parseInt(m.group(1));
    }
}
