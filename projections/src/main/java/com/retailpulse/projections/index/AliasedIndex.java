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
 * Works on the integ-test distribution: index creation, aliases, clone and deletion are core APIs.
 *
 * <p>A read model that used to be one plain index named {@code <name>} can be {@linkplain #adoptingPlainIndex
 * adopted}: the plain index is cloned into {@code <name>-v1} and, in one alias update, deleted while both aliases
 * are put on the clone, so an upgraded node keeps its data without a replay.
 */
public class AliasedIndex {

    static final String REBUILD_UNTIL = "rebuildUntilPosition";
    static final String REBUILD_STARTED = "rebuildStartedAt";

    private final ElasticsearchClient client;
    private final String name;
    private final int replicas;
    private final Supplier<TypeMapping> mapping;
    private final Pattern version;
    private final boolean adoptsPlainIndex;

    /** A read model that refuses to start over a plain index of its name (it is rebuilt by replay instead). */
    public AliasedIndex(ElasticsearchClient client, String name, int replicas, Supplier<TypeMapping> mapping) {
        this(client, name, replicas, mapping, false);
    }

    private AliasedIndex(ElasticsearchClient client, String name, int replicas, Supplier<TypeMapping> mapping,
                         boolean adoptsPlainIndex) {
        this.client = client;
        this.name = name;
        this.replicas = replicas;
        this.mapping = mapping;
        this.version = Pattern.compile(Pattern.quote(name) + "-v(\\d+)");
        this.adoptsPlainIndex = adoptsPlainIndex;
    }

    /**
     * A read model that takes over a plain index of its name, left by a version that kept it in one index
     * without aliases, as its first version ({@link #ensureExists}).
     */
    public static AliasedIndex adoptingPlainIndex(ElasticsearchClient client, String name, int replicas,
                                                  Supplier<TypeMapping> mapping) {
        return new AliasedIndex(client, name, replicas, mapping, true);
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

    /**
     * Creates version 1 with both aliases when the read model does not exist yet, adopts a plain index of its
     * name when told to ({@link #adoptingPlainIndex}); adds new fields otherwise.
     */
    public void ensureExists() {
        try {
            if (client.indices().existsAlias(a -> a.name(name)).value()) {
                State state = state();
                TypeMapping m = mapping.get();
                // read and write aliases name the same index except during a rebuild
                for (String index : new java.util.LinkedHashSet<>(java.util.List.of(state.readIndex(), state.writeIndex()))) {
                    client.indices().putMapping(p -> {
                        p.index(index).properties(m.properties());
                        if (!m.dynamicTemplates().isEmpty()) {
                            p.dynamicTemplates(m.dynamicTemplates());
                        }
                        if (m.dynamic() != null) {
                            p.dynamic(m.dynamic());
                        }
                        return p;
                    });
                }
                return;
            }
            if (client.indices().exists(e -> e.index(name)).value()) {
                if (!adoptsPlainIndex) {
                    throw new IllegalStateException("Elasticsearch has an index named " + name + " where the read alias of that name "
                            + "belongs; delete it (the read model is rebuilt by replay) or choose another index name");
                }
                adoptPlainIndex();
                ensureExists(); // fields added since the plain index was created
                return;
            }
            String first = firstVersion();
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

    String firstVersion() {
        return name + "-v1";
    }

    /**
     * The plain index {@code <name>} becomes {@code <name>-v1}: blocked for writes (clone needs it), cloned (hard
     * links on one node: no copy of the documents through the client), unblocked on the clone, then one alias
     * update deletes the plain index and puts both aliases on the clone — Elasticsearch applies index removals
     * first, so the read alias may take the name the index had. Until that update the plain index is untouched
     * but for its write block, so a start that dies half-way starts the adoption over.
     */
    private void adoptPlainIndex() throws IOException {
        String first = firstVersion();
        // A clone left by a start that died before the alias update: the plain index is still the complete one.
        client.indices().delete(d -> d.index(first).ignoreUnavailable(true));
        client.indices().putSettings(p -> p.index(name).settings(s -> s.blocks(b -> b.write(true))));
        client.indices().clone(c -> c.index(name).target(first)
                .settings("index.number_of_replicas", JsonData.of(replicas)));
        client.indices().putSettings(p -> p.index(first).settings(s -> s.blocks(b -> b.write(false))));
        client.indices().updateAliases(u -> u
                .actions(a -> a.removeIndex(r -> r.index(name)))
                .actions(a -> a.add(ad -> ad.index(first).alias(name)))
                .actions(a -> a.add(ad -> ad.index(first).alias(writeAlias()).isWriteIndex(true))));
    }

    /** Drops every index behind the aliases, and so the aliases: for scratch read models (tests, benchmarks). */
    public void delete() {
        try {
            if (!client.indices().existsAlias(a -> a.name(name)).value()) {
                return;
            }
            State state = state();
            for (String index : new java.util.LinkedHashSet<>(java.util.List.of(state.readIndex(), state.writeIndex()))) {
                client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete read model " + name, e);
        }
    }

    /**
     * Deletes {@code index}, a version of this read model no alias names any more, if it exists: a write to a
     * concrete old version after the switch dropped it creates it again, empty.
     */
    public void dropUnserved(String index) {
        versionOf(index);
        if (serves(index)) {
            throw new IllegalStateException(index + " is behind an alias of " + name + "; not dropped");
        }
        try {
            client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + index, e);
        }
    }

    /** Whether {@code index} is still behind the read or the write alias (a rebuild drops the old one). */
    public boolean serves(String index) {
        State state = state();
        return state.readIndex().equals(index) || state.writeIndex().equals(index);
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
                    .mappings(withMeta(m, Map.of(REBUILD_UNTIL, JsonData.of(untilPosition),
                            REBUILD_STARTED, JsonData.of(startedAt.toString())))));
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

    /** The whole mapping (fields, dynamic templates, dynamic) with {@code meta}: a rebuilt index is mapped like the first. */
    static TypeMapping withMeta(TypeMapping m, Map<String, JsonData> meta) {
        return TypeMapping.of(b -> {
            b.properties(m.properties()).meta(meta);
            if (!m.dynamicTemplates().isEmpty()) {
                b.dynamicTemplates(m.dynamicTemplates());
            }
            if (m.dynamic() != null) {
                b.dynamic(m.dynamic());
            }
            return b;
        });
    }

    int versionOf(String index) {
        Matcher m = version.matcher(index);
        if (!m.matches()) {
            throw new IllegalStateException(index + " is not a version of " + name + " (" + name + "-v<n>)");
        }
        return Integer.parseInt(m.group(1));
    }
}
