package e2e.methods.nodes;

/** A public leaf. */
public final class TextLeaf extends Leaf {
    public TextLeaf(String value) {
        super(value);
    }

    @Override
    public String text() {
        return "text:" + value;
    }
}
