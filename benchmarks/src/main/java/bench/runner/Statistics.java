package bench.runner;

import java.util.Arrays;
import java.util.List;

/** Medians, means, their errors and geometric means of measured figures. */
final class Statistics {

    private Statistics() {
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The standard error of the mean of {@code values} over that mean (sample standard deviation, n - 1). */
    static double relativeStandardError(List<Double> values) {
        double mean = mean(values);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        int n = values.size();
        return Math.sqrt(squares / (n - 1)) / Math.sqrt(n) / mean;
    }

    static double geometricMean(List<Double> values) {
        return Math.exp(values.stream().mapToDouble(Math::log).average().orElse(Double.NaN));
    }
}
