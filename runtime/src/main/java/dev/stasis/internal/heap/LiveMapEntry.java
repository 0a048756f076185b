package dev.stasis.internal.heap;

import java.util.Map;
import java.util.Objects;

/**
 * A restored entry of a restored map, standing for the map's own node that a for-each loop over
 * its entrySet held: reads and writes go to the map, as they did through the node.
 */
public final class LiveMapEntry<K, V> implements Map.Entry<K, V> {

    private final K key;
    private V detachedValue;
    private Map<K, V> map;

    LiveMapEntry(K key, V value) {
        this.key = key;
        this.detachedValue = value;
    }

    @SuppressWarnings("unchecked")
    void bind(Object restoredMap) {
        if (restoredMap instanceof Map) {
            map = (Map<K, V>) restoredMap;
        }
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return map != null ? map.get(key) : detachedValue;
    }

    @Override
    public V setValue(V value) {
        if (map != null) {
            return map.put(key, value);
        }
        V old = detachedValue;
        detachedValue = value;
        return old;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Map.Entry && Objects.equals(key, ((Map.Entry<?, ?>) o).getKey())
                && Objects.equals(getValue(), ((Map.Entry<?, ?>) o).getValue());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(key) ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
        return key + "=" + getValue();
    }
}
