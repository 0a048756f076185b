package e2e.thirdparty;

import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Two unmodified libraries from Maven Central a GIS or reporting job would use: JTS (computational
 * geometry) grows a region by the union of randomly placed discs, and jsoup (an HTML parser)
 * reads back the report it writes of each step and selects from it. The time goes into JTS's
 * overlay and buffer code, which keeps its noding and graph state in objects of its own while a
 * union runs, and into jsoup's tokenizer and CSS selectors. Each round prints the region's area
 * (as bits: JTS computes in strict double arithmetic, the same on every CPU and JDK), its number of
 * vertices and a checksum of what was parsed.
 *
 * <p>Arguments: rounds, discs per round.
 */
public final class GeometryAndDocuments {

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int discs = Integer.parseInt(args[1]);
        GeometryFactory factory = new GeometryFactory();
        Random random = new Random(20261127L);
        Geometry region = factory.createPoint(new Coordinate(50, 50)).buffer(3);
        long checksum = 0;
        for (int round = 0; round < rounds; round++) {
            for (int d = 0; d < discs; d++) {
                Coordinate centre = new Coordinate(random.nextInt(100), random.nextInt(100));
                region = region.union(factory.createPoint(centre).buffer(1 + random.nextInt(4)));
            }
            Document report = Jsoup.parse(report(round, region));
            for (Element cell : report.select("tr.part td.vertices")) {
                checksum = checksum * 31 + Integer.parseInt(cell.text());
            }
            checksum = checksum * 31 + report.select("h1").text().hashCode();
            System.out.println("round " + round + " area " + Long.toHexString(Double.doubleToLongBits(region.getArea()))
                    + " vertices " + region.getNumPoints() + " parts " + region.getNumGeometries()
                    + " checksum " + Long.toHexString(checksum));
        }
        System.out.println("done: region of " + region.getNumGeometries() + " parts, checksum "
                + Long.toHexString(checksum));
    }

    /** An HTML table of the region's parts, the way a job would report a step. */
    private static String report(int round, Geometry region) {
        StringBuilder html = new StringBuilder("<html><head><title>step</title></head><body><h1>Round ")
                .append(round).append("</h1><table>");
        for (int i = 0; i < region.getNumGeometries(); i++) {
            Geometry part = region.getGeometryN(i);
            html.append("<tr class=part><td class=index>").append(i).append("<td class=vertices>")
                    .append(part.getNumPoints()).append("<td class=envelope>").append(part.getEnvelopeInternal())
                    .append("</tr>");
        }
        return html.append("</table></body></html>").toString();
    }
}
