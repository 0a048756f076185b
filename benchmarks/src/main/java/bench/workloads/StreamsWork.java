package bench.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Lambda- and stream-heavy code: pipelines, grouping collectors and composed functions. */
public final class StreamsWork {

    /** One order line. */
    public static final class Order {
        final int customer;
        final int item;
        final double amount;

        Order(int customer, int item, double amount) {
            this.customer = customer;
            this.item = item;
            this.amount = amount;
        }
    }

    private StreamsWork() {
    }

    public static List<Order> orders(int n) {
        List<Order> orders = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            orders.add(new Order(i % 97, (i * 7) % 31, (i % 13) * 1.25 + 1));
        }
        return orders;
    }

    public static double run(List<Order> orders) {
        Map<Integer, Double> perCustomer = orders.stream()
                .filter(o -> o.item % 3 != 0)
                .collect(Collectors.groupingBy(o -> o.customer, Collectors.summingDouble(o -> o.amount)));
        double top = perCustomer.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        IntUnaryOperator f = x -> x * 3 + 1;
        IntUnaryOperator g = f.andThen(x -> x ^ (x >>> 3)).andThen(x -> x % 1009);
        long mixed = IntStream.range(0, orders.size()).map(g).filter(x -> (x & 1) == 0).asLongStream().sum();
        String names = orders.stream().limit(200).map(o -> "c" + o.customer).distinct().sorted()
                .collect(Collectors.joining(","));
        return top + mixed + names.length();
    }
}
