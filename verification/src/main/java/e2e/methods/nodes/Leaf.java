package e2e.methods.nodes;

/** Package-private: code outside this package may not name it (JVMS 5.4.4). */
abstract class Leaf extends Node {
    final String value;

    Leaf(String value) {
        this.value = value;
    }
}
