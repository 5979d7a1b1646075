package io.reprounit.examples.cleaning;

import io.reprounit.api.Input;
import io.reprounit.api.Param;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cleans hourly weather-station readings and derives features from them, as a data team would before training on them:
 * read the logger's CSV, drop duplicate rows, treat error codes as missing, remove spikes, fill short gaps by linear
 * interpolation, derive rolling means, hourly changes and the dew point, write the feature table as CSV and summarize
 * it per station. Every threshold comes from {@code SensorCleaningPipelineTest.yaml} beside this class.
 *
 * <p>The export step returns the {@link Path} of the file it wrote: ReproUnit compares the file's content, not its
 * name. Numbers are written with {@link Locale#ROOT}, since a locale-formatted number ("12,5") would make the output
 * depend on the machine.
 */
@ReproducibleRun
class SensorCleaningPipelineTest {

    static final List<String> VARIABLES = List.of("temperature", "humidity", "pressure");

    /** One hourly reading; a missing value is {@code null}. Values in the order of {@link #VARIABLES}. */
    record Reading(String station, LocalDateTime time, Double[] values) {

        Reading with(int variable, Double value) {
            Double[] changed = values.clone();
            changed[variable] = value;
            return new Reading(station, time, changed);
        }
    }

    /** The cleaned readings, per station in time order, and how many values each rule touched. */
    record Cleaned(List<Reading> readings, Map<String, Integer> counts) {}

    /** One row of the feature table. */
    record Features(String station, LocalDateTime time, int hourOfDay, double temperature, double humidity,
            double pressure, double temperatureRollingMean, double temperatureChange, double pressureChange,
            double dewPoint) {}

    /** Per station: how many hours, and the mean, minimum and maximum of temperature and dew point. */
    record StationSummary(int hours, double meanTemperature, double minTemperature, double maxTemperature,
            double meanDewPoint) {}

    @Step
    static List<Reading> read(@Param("input") Path csv, @Param("missingMarkers") Set<String> missingMarkers)
            throws IOException {
        List<Reading> readings = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Double[] values = new Double[VARIABLES.size()];
            for (int i = 0; i < values.length; i++) {
                String cell = cells[2 + i].strip();
                values[i] = missingMarkers.contains(cell) ? null : Double.valueOf(cell);
            }
            readings.add(new Reading(cells[0], LocalDateTime.parse(cells[1]), values));
        }
        return readings;
    }

    @Step
    static Cleaned clean(@Input("read") List<Reading> raw, @Param("minimum") Map<String, Double> minimum,
            @Param("maximum") Map<String, Double> maximum, @Param("maxHourlyChange") Map<String, Double> maxHourlyChange, @Param("maxGapHours") int maxGapHours) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("rows read", raw.size());

        // Duplicates: a logger resends rows after a reconnect. Keep the first row of each station and hour.
        Map<String, TreeMap<LocalDateTime, Reading>> byStation = new TreeMap<>();
        for (Reading reading : raw) {
            byStation.computeIfAbsent(reading.station(), s -> new TreeMap<>()).putIfAbsent(reading.time(), reading);
        }
        counts.put("duplicates removed", raw.size() - byStation.values().stream().mapToInt(Map::size).sum());

        List<Reading> cleaned = new ArrayList<>();
        int outOfRange = 0;
        int spikes = 0;
        int interpolated = 0;
        int dropped = 0;
        for (TreeMap<LocalDateTime, Reading> series : byStation.values()) {
            List<Reading> hours = fillMissingHours(series);
            for (int v = 0; v < VARIABLES.size(); v++) {
                double low = minimum.get(VARIABLES.get(v));
                double high = maximum.get(VARIABLES.get(v));
                double maxChange = maxHourlyChange.get(VARIABLES.get(v));
                for (int i = 0; i < hours.size(); i++) {
                    Double value = hours.get(i).values()[v];
                    if (value != null && (value < low || value > high)) {
                        hours.set(i, hours.get(i).with(v, null));
                        outOfRange++;
                    } else if (value != null && isSpike(hours, i, v, maxChange)) {
                        hours.set(i, hours.get(i).with(v, null));
                        spikes++;
                    }
                }
                interpolated += interpolate(hours, v, maxGapHours);
            }
            for (Reading reading : hours) {
                if (java.util.Arrays.asList(reading.values()).contains(null)) {
                    dropped++;
                } else {
                    cleaned.add(reading);
                }
            }
        }
        counts.put("values out of range", outOfRange);
        counts.put("spikes removed", spikes);
        counts.put("values interpolated", interpolated);
        counts.put("hours dropped (gap too long)", dropped);
        counts.put("rows kept", cleaned.size());
        return new Cleaned(cleaned, counts);
    }

    @Step
    static List<Features> features(@Input("clean") Cleaned cleaned, @Param("rollingWindowHours") int window) {
        List<Features> rows = new ArrayList<>();
        Reading previous = null;
        List<Double> recent = new ArrayList<>();
        for (Reading reading : cleaned.readings()) {
            boolean continues = previous != null && previous.station().equals(reading.station())
                    && ChronoUnit.HOURS.between(previous.time(), reading.time()) == 1;
            if (!continues) {
                recent.clear();
            }
            double temperature = reading.values()[0];
            double humidity = reading.values()[1];
            double pressure = reading.values()[2];
            recent.add(temperature);
            if (recent.size() > window) {
                recent.remove(0);
            }
            double rollingMean = recent.stream().mapToDouble(Double::doubleValue).sum() / recent.size();
            rows.add(new Features(reading.station(), reading.time(), reading.time().getHour(), temperature, humidity,
                    pressure, rollingMean, continues ? temperature - previous.values()[0] : 0.0,
                    continues ? pressure - previous.values()[2] : 0.0, dewPoint(temperature, humidity)));
            previous = reading;
        }
        return rows;
    }

    @Step
    static Path export(@Input("features") List<Features> features, @Param("output") Path output) throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            out.write("station,time,hour,temperature_c,humidity_pct,pressure_hpa,temperature_rolling_mean_c,"
                    + "temperature_change_c,pressure_change_hpa,dew_point_c\n");
            for (Features row : features) {
                out.write(String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.1f,%.2f,%.3f,%.2f,%.2f,%.3f%n", row.station(),
                        row.time(), row.hourOfDay(), row.temperature(), row.humidity(), row.pressure(),
                        row.temperatureRollingMean(), row.temperatureChange(), row.pressureChange(), row.dewPoint()));
            }
        }
        return output;
    }

    @Step
    static Map<String, StationSummary> summary(@Input("features") List<Features> features) {
        Map<String, List<Features>> byStation = new TreeMap<>();
        features.forEach(row -> byStation.computeIfAbsent(row.station(), s -> new ArrayList<>()).add(row));
        Map<String, StationSummary> summary = new TreeMap<>();
        byStation.forEach((station, rows) -> summary.put(station, new StationSummary(rows.size(),
                rows.stream().mapToDouble(Features::temperature).sum() / rows.size(),
                rows.stream().mapToDouble(Features::temperature).min().orElseThrow(),
                rows.stream().mapToDouble(Features::temperature).max().orElseThrow(),
                rows.stream().mapToDouble(Features::dewPoint).sum() / rows.size())));
        return summary;
    }

    /** The series with a reading of all-missing values for every hour the logger skipped. */
    private static List<Reading> fillMissingHours(TreeMap<LocalDateTime, Reading> series) {
        List<Reading> hours = new ArrayList<>();
        Reading first = series.firstEntry().getValue();
        for (LocalDateTime t = series.firstKey(); !t.isAfter(series.lastKey()); t = t.plusHours(1)) {
            Reading reading = series.get(t);
            hours.add(reading != null ? reading : new Reading(first.station(), t, new Double[VARIABLES.size()]));
        }
        return hours;
    }

    /** A value that jumps away from both neighbours by more than {@code maxChange}, in opposite directions. */
    private static boolean isSpike(List<Reading> hours, int i, int v, double maxChange) {
        Double value = hours.get(i).values()[v];
        Double before = i > 0 ? hours.get(i - 1).values()[v] : null;
        Double after = i + 1 < hours.size() ? hours.get(i + 1).values()[v] : null;
        boolean awayFromBefore = before != null && Math.abs(value - before) > maxChange;
        boolean awayFromAfter = after != null && Math.abs(value - after) > maxChange;
        if (before != null && after != null) {
            return awayFromBefore && awayFromAfter && Math.signum(value - before) == Math.signum(value - after);
        }
        return awayFromBefore || awayFromAfter;
    }

    /** Fills runs of at most {@code maxGap} missing values between two known ones; returns how many it filled. */
    private static int interpolate(List<Reading> hours, int v, int maxGap) {
        int filled = 0;
        int i = 0;
        while (i < hours.size()) {
            if (hours.get(i).values()[v] != null) {
                i++;
                continue;
            }
            int start = i;
            while (i < hours.size() && hours.get(i).values()[v] == null) {
                i++;
            }
            int gap = i - start;
            if (start == 0 || i == hours.size() || gap > maxGap) {
                continue;
            }
            double from = hours.get(start - 1).values()[v];
            double to = hours.get(i).values()[v];
            for (int k = 0; k < gap; k++) {
                double value = from + (to - from) * (k + 1) / (gap + 1);
                hours.set(start + k, hours.get(start + k).with(v, value));
                filled++;
            }
        }
        return filled;
    }

    /** The Magnus formula; StrictMath, so that the result is the same to the last bit on every machine. */
    private static double dewPoint(double temperature, double humidity) {
        double b = 17.62;
        double c = 243.12;
        double gamma = StrictMath.log(humidity / 100.0) + b * temperature / (c + temperature);
        return c * gamma / (b - gamma);
    }
}
