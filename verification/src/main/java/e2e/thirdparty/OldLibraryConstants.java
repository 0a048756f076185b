package e2e.thirdparty;

import dev.stasis.Stasis;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.collections.Transformer;
import org.apache.commons.collections.TransformerUtils;
import org.apache.commons.collections.functors.NOPTransformer;
import org.apache.commons.collections.map.LazyMap;
import org.apache.commons.lang.ObjectUtils;

/**
 * Libraries from Maven Central compiled before Java 5 (Commons Lang 2.6 and Commons Collections
 * 3.2.2, class file version 47), whose singletons the program compares by {@code ==}: Commons
 * Lang's null marker and Commons Collections' no-op transformer. Their classes' initializers ran
 * before the checkpoint, and after the restore the singletons must be the objects the heap refers
 * to, not new ones from initializers run again.
 */
public final class OldLibraryConstants {

    public static void main(String[] args) {
        Map<String, Object> values = new HashMap<>();
        values.put("missing", ObjectUtils.NULL);
        Transformer nop = TransformerUtils.nopTransformer();
        @SuppressWarnings("unchecked")
        Map<String, Object> lazy = LazyMap.decorate(new HashMap<>(), TransformerUtils.constantTransformer("x"));
        lazy.get("a");
        System.out.println("before checkpoint: null marker " + (values.get("missing") == ObjectUtils.NULL) + ", no-op "
                + (nop == NOPTransformer.INSTANCE) + ", lazy " + new TreeMap<>(lazy));
        Stasis.checkpoint();
        lazy.get("b");
        System.out.println("after checkpoint: null marker " + (values.get("missing") == ObjectUtils.NULL) + ", no-op "
                + (nop == NOPTransformer.INSTANCE) + ", lazy " + new TreeMap<>(lazy));
    }
}
