package bench.micro;

import bench.workloads.CallTree;
import bench.workloads.CollectionsWork;
import bench.workloads.Fft;
import bench.workloads.Fib;
import bench.workloads.MatrixMultiply;
import bench.workloads.StreamsWork;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The steady-state micro benchmarks: each calls one workload of bench.workloads, which the agent
 * instruments in the "agent" forks (no checkpoint is ever taken). JMH's generated harness
 * (bench.micro.jmh_generated) and JMH itself are excluded from instrumentation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SteadyState {

    private double[][] a;
    private double[][] b;
    private double[] signal;
    private CallTree.Node tree;
    private List<String> words;
    private List<StreamsWork.Order> orders;
    private int fibArgument;

    @Setup
    public void setUp() {
        a = MatrixMultiply.matrix(96, 1);
        b = MatrixMultiply.matrix(96, 2);
        signal = Fft.signal(4096);
        tree = CallTree.build(14, 7);
        words = CollectionsWork.words(20_000);
        orders = StreamsWork.orders(20_000);
        fibArgument = 25;
    }

    @Benchmark
    public double matrixMultiply() {
        return MatrixMultiply.trace(MatrixMultiply.multiply(a, b));
    }

    @Benchmark
    public double fft() {
        return Fft.energy(signal);
    }

    @Benchmark
    public int fib() {
        return Fib.fib(fibArgument);
    }

    @Benchmark
    public long virtualCallTree() {
        return tree.eval(3);
    }

    @Benchmark
    public long collections() {
        return CollectionsWork.run(words);
    }

    @Benchmark
    public double streams() {
        return StreamsWork.run(orders);
    }
}
