package e2e.heap;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Object identity, sharing and cycles across the checkpoint: a doubly linked ring, a node
 * pointing at itself, one array shared by two nodes, the same node twice in an array, a list that
 * contains itself, and a map whose value points back at the map.
 */
public final class IdentityAndCycles {

    static final class Node {
        final String name;
        Node next;
        Node prev;
        Object payload;

        Node(String name) {
            this.name = name;
        }
    }

    public static void main(String[] args) {
        Node a = new Node("a");
        Node b = new Node("b");
        Node c = new Node("c");
        a.next = b;
        b.next = c;
        c.next = a;
        a.prev = c;
        b.prev = a;
        c.prev = b;
        int[] shared = {1, 2, 3};
        a.payload = shared;
        c.payload = shared;
        Node self = new Node("self");
        self.next = self;
        Object[] twice = {a, a, b};
        List<Object> selfList = new ArrayList<>();
        selfList.add("first");
        selfList.add(selfList);
        Map<String, Node> index = new HashMap<>();
        index.put("b", b);
        b.payload = index;

        report("before");
        check(a, b, c, self, shared, twice, selfList, index);
        Stasis.checkpoint();
        report("after");
        check(a, b, c, self, shared, twice, selfList, index);
        ((int[]) a.payload)[0] = 99;
        System.out.println("write through a, read through c: " + ((int[]) c.payload)[0]);
        a.next.next.next.prev.prev.next = new Node("d");
        System.out.println("relinked: " + b.next.name + " " + a.next.name);
    }

    static void report(String when) {
        System.out.println("--- " + when + " checkpoint ---");
    }

    static void check(Node a, Node b, Node c, Node self, int[] shared, Object[] twice, List<Object> selfList,
                      Map<String, Node> index) {
        System.out.println("ring closes: " + (a.next.next.next == a) + " backwards: " + (a.prev.prev.prev == a));
        System.out.println("prev of next is self: " + (a.next.prev == a) + " " + (b.next.prev == b) + " "
                + (c.next.prev == c));
        System.out.println("payload shared: " + (a.payload == c.payload) + " same as local: " + (a.payload == shared));
        System.out.println("self loop: " + (self.next == self) + " " + self.next.next.name);
        System.out.println("array twice: " + (twice[0] == twice[1]) + " " + (twice[0] == a) + " " + (twice[2] == b));
        System.out.println("list contains itself: " + (selfList.get(1) == selfList) + " " + selfList);
        System.out.println("map back-reference: " + (((Map<?, ?>) b.payload).get("b") == b) + " " + (b.payload == index));
    }
}
