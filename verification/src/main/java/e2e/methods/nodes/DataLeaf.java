package e2e.methods.nodes;

/** Another public leaf. */
public final class DataLeaf extends Leaf {
    public DataLeaf(String value) {
        super(value);
    }

    @Override
    public String text() {
        return "data:" + value;
    }
}
