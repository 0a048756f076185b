package bench.programs;

/** The start-up benchmark's program: JVM start, one line, exit. */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
