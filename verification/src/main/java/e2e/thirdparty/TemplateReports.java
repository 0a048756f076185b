package e2e.thirdparty;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;

/**
 * Apache Velocity 1.5, unmodified, a template engine from Maven Central compiled for Java 1.3:
 * its class files are older than stack map frames, and some of its {@code finally} blocks are
 * jsr/ret subroutines, which the rewriter inlines. A report job renders a template per batch of
 * orders (loops, conditions, arithmetic, maps, method calls on the context's objects); Velocity
 * parses each template with a parser from its pool, which keeps the reader of the last template
 * it read, closed. Each batch prints its report's length and a checksum of it.
 *
 * <p>Arguments: batches, orders per batch.
 */
public final class TemplateReports {

    private static final String TEMPLATE = "#set($total = 0)Report $title\n"
            + "#foreach($order in $orders)#if($order.qty > 5)BULK #elseif($order.qty == 0)EMPTY #{end}"
            + "$velocityCount: $order.item.toUpperCase() x $order.qty = $order.cost\n"
            + "#set($total = $total + $order.cost)#{end}"
            + "total $total over $orders.size() orders";

    public static void main(String[] args) throws Exception {
        int batches = Integer.parseInt(args[0]);
        int perBatch = Integer.parseInt(args[1]);
        VelocityEngine engine = new VelocityEngine();
        engine.setProperty(RuntimeConstants.RUNTIME_LOG_LOGSYSTEM_CLASS, "org.apache.velocity.runtime.log.NullLogSystem");
        engine.init();
        String[] items = {"bolt", "nut", "washer", "gear", "spring", "pin"};
        long checksum = 0;
        for (int batch = 0; batch < batches; batch++) {
            List<Map<String, Object>> orders = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                Map<String, Object> order = new LinkedHashMap<>();
                int qty = (batch * 7 + i * 3) % 11;
                order.put("item", items[(batch + i) % items.length]);
                order.put("qty", qty);
                order.put("cost", qty * (3 + i % 5));
                orders.add(order);
            }
            VelocityContext context = new VelocityContext();
            context.put("title", "batch " + batch);
            context.put("orders", orders);
            StringWriter out = new StringWriter();
            engine.evaluate(context, out, "report", TEMPLATE);
            String report = out.toString();
            checksum = checksum * 31 + report.hashCode();
            if (batch % 250 == 0) {
                System.out.println("batch " + batch + ": " + report.length() + " characters, last line \""
                        + report.substring(report.lastIndexOf('\n') + 1) + "\", checksum " + Long.toHexString(checksum));
            }
        }
        System.out.println("done: checksum " + Long.toHexString(checksum));
    }
}
