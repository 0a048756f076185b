package e2e.methods;

import dev.stasis.Stasis;
import e2e.methods.nodes.DataLeaf;
import e2e.methods.nodes.Node;
import e2e.methods.nodes.TextLeaf;

/**
 * The checkpoint while a local holds a value whose type, as the verifier infers it where two
 * branches meet, is a class this code may not name: {@code TextLeaf} and {@code DataLeaf} meet in
 * their package-private superclass {@code Leaf} (jsoup's parser has this shape with its nodes). The
 * restore block must cast the saved value to a class it may name ({@code Node}), or resuming fails
 * with IllegalAccessError.
 */
public final class MergedTypes {

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            append(out, i % 2 == 0, "v" + i);
        }
        System.out.println(out);
    }

    static void append(StringBuilder out, boolean text, String value) {
        Node node;
        if (text) {
            node = new TextLeaf(value);
        } else {
            node = new DataLeaf(value);
        }
        out.append(describe(node)).append(' ');
        out.append(node.text()).append(';');
    }

    static String describe(Node node) {
        if (node.text().equals("data:v1")) {
            System.out.println("checkpoint at " + node.text());
            Stasis.checkpoint();
        }
        return "[" + node.text() + "]";
    }
}
