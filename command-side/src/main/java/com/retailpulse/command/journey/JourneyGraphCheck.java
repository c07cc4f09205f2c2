package com.retailpulse.command.journey;

import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.contracts.message.Channel;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape rules of a journey graph, each problem naming the node (e.g. {@code node 'wait-30m': next
 * 'coupon' is not a node}): ids, targets, unreachable steps, loops without a wait, paths that never reach
 * an exit, and each step's own settings. What needs the platform's catalogues (fields of a condition,
 * template fields, offers, segments) is checked where they are known.
 */
public final class JourneyGraphCheck {

    public static final Duration LONGEST_WAIT = Duration.ofDays(90);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** A profile field a webhook may carry: dotted names of letters, digits, _ and -. */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){0,5}");

    private JourneyGraphCheck() {
    }

    /** Every problem of the graph; empty when it may be published. */
    public static List<String> problems(JourneyGraph graph) {
        List<String> problems = new ArrayList<>();
        if (graph == null) {
            return List.of("journey: required");
        }
        if (graph.name() == null || graph.name().isBlank()) {
            problems.add("name: required");
        }
        trigger(graph.trigger(), problems);
        if (graph.goal() != null && graph.goal().problem() != null) {
            problems.add("goal: " + graph.goal().problem());
        }
        reentry(graph.reentry(), problems);
        if (graph.priority() < 0 || graph.priority() > 100) {
            problems.add("priority: must be 0 to 100, got " + graph.priority());
        }
        Map<String, JourneyNode> nodes = new LinkedHashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            JourneyNode node = graph.nodes().get(i);
            if (node == null) {
                problems.add("nodes[" + i + "]: required");
            } else if (node.id() == null || !ID.matcher(node.id()).matches()) {
                problems.add("nodes[" + i + "]: id must be 1–40 characters of a–z, 0–9 and -, got '" + node.id() + "'");
            } else if (nodes.putIfAbsent(node.id(), node) != null) {
                problems.add("node '" + node.id() + "': the id is used twice");
            }
        }
        if (nodes.isEmpty()) {
            problems.add("nodes: a journey needs at least one step");
            return problems;
        }
        nodes.values().forEach(node -> settings(node, problems));
        boolean targetsKnown = true;
        for (JourneyNode node : nodes.values()) {
            for (String target : node.targets()) {
                if (target == null) {
                    problems.add("node '" + node.id() + "': a next step is missing; end the path with an exit step");
                    targetsKnown = false;
                } else if (!nodes.containsKey(target)) {
                    problems.add("node '" + node.id() + "': next '" + target + "' is not a node");
                    targetsKnown = false;
                }
            }
        }
        if (graph.start() == null || !nodes.containsKey(graph.start())) {
            problems.add("start: '" + graph.start() + "' is not a node");
            return problems;
        }
        if (!targetsKnown) {
            return problems;
        }
        Set<String> reachable = reachable(graph.start(), nodes);
        nodes.keySet().stream().filter(id -> !reachable.contains(id))
                .forEach(id -> problems.add("node '" + id + "': unreachable from the start '" + graph.start() + "'"));
        if (nodes.values().stream().noneMatch(n -> n instanceof JourneyNode.Exit)) {
            problems.add("nodes: no exit step; every path must end at one");
        } else {
            Set<String> exits = reachesExit(nodes);
            reachable.stream().filter(id -> !exits.contains(id))
                    .forEach(id -> problems.add("node '" + id + "': no path from here reaches an exit"));
        }
        loopsWithoutWait(nodes, problems);
        return problems;
    }

    private static void trigger(Trigger trigger, List<String> problems) {
        if (trigger == null) {
            problems.add("trigger: required");
        } else if (trigger instanceof Trigger.OnEvent on && on.on().problem() != null) {
            problems.add("trigger: " + on.on().problem());
        } else if (trigger instanceof Trigger.OnSegmentEntry entry && entry.segment().isBlank()) {
            problems.add("trigger.segment: required");
        } else if (trigger instanceof Trigger.OnSchedule schedule) {
            schedule(schedule, problems);
        }
    }

    /**
     * The shape of a schedule trigger. The cron expression's syntax and the segments' existence are checked
     * on the platform (JourneyChecks), which has the cron parser and the segment catalogue.
     */
    private static void schedule(Trigger.OnSchedule schedule, List<String> problems) {
        if (schedule.cron() == null || schedule.cron().isBlank()) {
            problems.add("trigger.cron: required, six fields with seconds first, e.g. \"0 0 9 * * MON\"");
        }
        if (schedule.zone() == null || schedule.zone().isBlank()) {
            problems.add("trigger.zone: required, a time zone such as Europe/London");
        } else {
            try {
                ZoneId.of(schedule.zone());
            } catch (DateTimeException e) {
                problems.add("trigger.zone: unknown time zone '" + schedule.zone() + "'");
            }
        }
        if (schedule.segments().isEmpty()) {
            problems.add("trigger.segments: at least one segment whose members are enrolled at each fire time");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < schedule.segments().size(); i++) {
            String segment = schedule.segments().get(i);
            if (segment == null || segment.isBlank()) {
                problems.add("trigger.segments[" + i + "]: required");
            } else if (!seen.add(segment)) {
                problems.add("trigger.segments[" + i + "]: '" + segment + "' is named twice");
            }
        }
    }

    private static void reentry(Reentry reentry, List<String> problems) {
        if (reentry == null || reentry.policy() == null) {
            problems.add("reentry: required (never, after-exit or after-cooldown)");
        } else if (reentry.policy() == Reentry.Policy.AFTER_COOLDOWN
                && (reentry.cooldown() == null || reentry.cooldown().isNegative() || reentry.cooldown().isZero())) {
            problems.add("reentry.cooldown: after-cooldown needs a positive cooldown, got " + reentry.cooldown());
        }
    }

    private static void settings(JourneyNode node, List<String> problems) {
        String at = "node '" + node.id() + "': ";
        if (node instanceof JourneyNode.Wait wait) {
            if ((wait.duration() == null) == (wait.until() == null)) {
                problems.add(at + "a wait needs either a duration or an until time, not both or neither");
            } else if (wait.duration() != null) {
                duration(at + "duration", wait.duration(), problems);
            }
        } else if (node instanceof JourneyNode.WaitForEvent wait) {
            if (wait.event() == null) {
                problems.add(at + "event: required");
            } else if (wait.event().problem() != null) {
                problems.add(at + wait.event().problem());
            }
            duration(at + "timeout", wait.timeout(), problems);
        } else if (node instanceof JourneyNode.Condition condition) {
            if (condition.condition() == null) {
                problems.add(at + "condition: required");
            }
        } else if (node instanceof JourneyNode.Split split) {
            if (split.branches().size() < 2) {
                problems.add(at + "a split needs at least two branches, got " + split.branches().size());
            }
            Set<String> keys = new HashSet<>();
            for (JourneyNode.Branch branch : split.branches()) {
                if (branch.key() == null || !ID.matcher(branch.key()).matches()) {
                    problems.add(at + "branch key must be 1–40 characters of a–z, 0–9 and -, got '" + branch.key() + "'");
                } else if (!keys.add(branch.key())) {
                    problems.add(at + "branch '" + branch.key() + "' is named twice");
                }
                if (branch.weight() <= 0) {
                    problems.add(at + "branch '" + branch.key() + "' needs a positive weight, got " + branch.weight());
                }
            }
        } else if (node instanceof JourneyNode.SendMessage send) {
            if (send.channel() == null) {
                problems.add(at + "channel: required; one of " + Channel.codes());
            }
            if (send.body() == null || send.body().isBlank()) {
                problems.add(at + "body: required");
            }
        } else if (node instanceof JourneyNode.IssueCoupon issue) {
            if (issue.offerId() == null || issue.offerId().isBlank()) {
                problems.add(at + "offerId: required");
            }
        } else if (node instanceof JourneyNode.SetTag tag) {
            if (tag.tag() == null || !ID.matcher(tag.tag()).matches()) {
                problems.add(at + "tag must be 1–40 characters of a–z, 0–9 and -, got '" + tag.tag() + "'");
            }
        } else if (node instanceof JourneyNode.CallWebhook call) {
            if (call.endpoint() == null || call.endpoint().isBlank()) {
                problems.add(at + "endpoint: required, the name of a configured webhook endpoint (retailpulse.journeys.webhooks.<name>)");
            } else if (!ID.matcher(call.endpoint()).matches()) {
                problems.add(at + "endpoint must be the name of a configured webhook endpoint (1–40 characters of a–z, 0–9 and -), not a URL,"
                        + " got '" + call.endpoint() + "'");
            }
            for (String field : call.fields()) {
                if (field == null || !FIELD.matcher(field).matches()) {
                    problems.add(at + "fields: '" + field + "' is not a profile field name (such as member.tier)");
                }
            }
        }
    }

    private static void duration(String what, Duration duration, List<String> problems) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            problems.add(what + ": must be a positive duration such as PT30M, got " + duration);
        } else if (duration.compareTo(LONGEST_WAIT) > 0) {
            problems.add(what + ": at most " + LONGEST_WAIT.toDays() + " days, got " + duration);
        }
    }

    private static Set<String> reachable(String start, Map<String, JourneyNode> nodes) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                todo.addAll(nodes.get(id).targets());
            }
        }
        return seen;
    }

    /** The nodes from which some path reaches an exit (backwards from the exits). */
    private static Set<String> reachesExit(Map<String, JourneyNode> nodes) {
        Map<String, List<String>> into = new HashMap<>();
        nodes.values().forEach(n -> n.targets().forEach(t -> into.computeIfAbsent(t, k -> new ArrayList<>()).add(n.id())));
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        nodes.values().stream().filter(n -> n instanceof JourneyNode.Exit).forEach(n -> todo.add(n.id()));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                todo.addAll(into.getOrDefault(id, List.of()));
            }
        }
        return seen;
    }

    /**
     * A cycle of steps that never waits would run forever in an instant. Cycles are looked for among the
     * steps that do not wait (a wait breaks every loop through it); each one found is named once.
     */
    private static void loopsWithoutWait(Map<String, JourneyNode> nodes, List<String> problems) {
        Set<String> done = new HashSet<>();
        Set<Set<String>> reported = new HashSet<>();
        for (JourneyNode node : nodes.values()) {
            if (!node.waits() && !done.contains(node.id())) {
                visit(node.id(), nodes, new ArrayDeque<>(), new HashSet<>(), done, reported, problems);
            }
        }
    }

    private static void visit(String id, Map<String, JourneyNode> nodes, Deque<String> path, Set<String> onPath, Set<String> done,
                              Set<Set<String>> reported, List<String> problems) {
        if (onPath.contains(id)) {
            List<String> loop = new ArrayList<>();
            boolean in = false;
            for (String step : (Iterable<String>) path::descendingIterator) {
                in |= step.equals(id);
                if (in) {
                    loop.add(step);
                }
            }
            if (reported.add(new HashSet<>(loop))) {
                loop.add(id);
                problems.add("node '" + id + "': the loop " + String.join(" → ", loop) + " has no wait step");
            }
            return;
        }
        if (done.contains(id)) {
            return;
        }
        path.push(id);
        onPath.add(id);
        for (String target : nodes.get(id).targets()) {
            if (!nodes.get(target).waits()) {
                visit(target, nodes, path, onPath, done, reported, problems);
            }
        }
        onPath.remove(id);
        path.pop();
        done.add(id);
    }
}
