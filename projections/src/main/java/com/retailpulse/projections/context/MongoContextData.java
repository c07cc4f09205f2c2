package com.retailpulse.projections.context;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.retailpulse.projections.profile.ContextData;
import org.bson.Document;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Holiday calendars ({@code context_holidays}) and daily weather ({@code context_weather}) by region,
 * as the brand loads them, held in memory for tag evaluation on every profile write.
 */
public class MongoContextData implements ContextData {

    public record Holiday(String region, LocalDate date, String name) {
    }

    public record DailyWeather(String region, LocalDate date, double minTempC, double maxTempC, String condition) {
    }

    private final MongoCollection<Document> holidays;
    private final MongoCollection<Document> weather;
    private volatile Map<String, TreeMap<LocalDate, String>> holidaysByRegion = Map.of();
    private volatile Map<String, TreeMap<LocalDate, Weather>> weatherByRegion = Map.of();

    public MongoContextData(MongoDatabase database) {
        this.holidays = database.getCollection("context_holidays");
        this.weather = database.getCollection("context_weather");
        reload();
    }

    @Override
    public boolean holidayBetween(String region, LocalDate from, LocalDate to) {
        var days = holidaysByRegion.get(region);
        return days != null && !days.subMap(from, true, to, true).isEmpty();
    }

    @Override
    public Optional<Weather> weather(String region, LocalDate day) {
        var days = weatherByRegion.get(region);
        return days == null ? Optional.empty() : Optional.ofNullable(days.get(day));
    }

    public void addHolidays(List<Holiday> entries) {
        if (!entries.isEmpty()) {
            holidays.bulkWrite(entries.stream().map(h -> new ReplaceOneModel<>(Filters.eq("_id", h.region() + "|" + h.date()),
                    new Document("_id", h.region() + "|" + h.date()).append("region", h.region())
                            .append("date", h.date().toString()).append("name", h.name()),
                    new ReplaceOptions().upsert(true))).toList());
        }
        reload();
    }

    public void addWeather(List<DailyWeather> entries) {
        if (!entries.isEmpty()) {
            weather.bulkWrite(entries.stream().map(w -> new ReplaceOneModel<>(Filters.eq("_id", w.region() + "|" + w.date()),
                    new Document("_id", w.region() + "|" + w.date()).append("region", w.region())
                            .append("date", w.date().toString()).append("minTempC", w.minTempC())
                            .append("maxTempC", w.maxTempC()).append("condition", w.condition()),
                    new ReplaceOptions().upsert(true))).toList());
        }
        reload();
    }

    public long holidayCount() {
        return holidaysByRegion.values().stream().mapToLong(TreeMap::size).sum();
    }

    public long weatherCount() {
        return weatherByRegion.values().stream().mapToLong(TreeMap::size).sum();
    }

    public void reload() {
        Map<String, TreeMap<LocalDate, String>> h = new HashMap<>();
        holidays.find().forEach(d -> h.computeIfAbsent(d.getString("region"), r -> new TreeMap<>())
                .put(LocalDate.parse(d.getString("date")), d.getString("name")));
        Map<String, TreeMap<LocalDate, Weather>> w = new HashMap<>();
        weather.find().forEach(d -> w.computeIfAbsent(d.getString("region"), r -> new TreeMap<>())
                .put(LocalDate.parse(d.getString("date")), new Weather(d.getDouble("minTempC"), d.getDouble("maxTempC"),
                        d.getString("condition"))));
        holidaysByRegion = h;
        weatherByRegion = w;
    }
}
