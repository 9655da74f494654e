package org.transcriptsearch.indexer.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Tree nodes for large vendor pages: a JSON object keeps its fields in two small arrays instead of a
 * {@link LinkedHashMap} (a table plus an entry object per field). A CXone page is hundreds of thousands of
 * small objects (tracker events, parse data, intents), so this is most of what parsing one allocates.
 * Objects past {@link #SMALL} fields switch to a {@link LinkedHashMap}, so a hostile object with many
 * fields costs what it would have anyway. Order, equality and hash code are those of any {@link Map}.
 */
public final class CompactNodeFactory extends JsonNodeFactory {
    static final int SMALL = 12;

    /** @param bigDecimalExact as {@link JsonNodeFactory#JsonNodeFactory(boolean)} */
    public CompactNodeFactory(boolean bigDecimalExact) {
        super(bigDecimalExact);
    }

    @Override
    public ObjectNode objectNode() {
        return new ObjectNode(this, new Fields());
    }

    /** Insertion-ordered fields: linear search over at most {@link #SMALL}, a {@link LinkedHashMap} beyond. */
    static final class Fields extends AbstractMap<String, JsonNode> {
        private String[] keys = new String[4];
        private JsonNode[] values = new JsonNode[4];
        private int size;
        private LinkedHashMap<String, JsonNode> large;
        private int modifications;

        @Override
        public int size() {
            return large != null ? large.size() : size;
        }

        @Override
        public boolean containsKey(Object key) {
            return large != null ? large.containsKey(key) : indexOf(key) >= 0;
        }

        @Override
        public JsonNode get(Object key) {
            if (large != null) {
                return large.get(key);
            }
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        @Override
        public JsonNode put(String key, JsonNode value) {
            if (large != null) {
                return large.put(key, value);
            }
            int i = indexOf(key);
            if (i >= 0) {
                JsonNode old = values[i];
                values[i] = value;
                return old;
            }
            if (size == SMALL) {
                large = new LinkedHashMap<>();
                for (int k = 0; k < size; k++) {
                    large.put(keys[k], values[k]);
                }
                keys = null;
                values = null;
                return large.put(key, value);
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, Math.min(SMALL, size * 2));
                values = Arrays.copyOf(values, keys.length);
            }
            keys[size] = key;
            values[size] = value;
            size++;
            modifications++;
            return null;
        }

        @Override
        public JsonNode remove(Object key) {
            if (large != null) {
                return large.remove(key);
            }
            int i = indexOf(key);
            if (i < 0) {
                return null;
            }
            JsonNode old = values[i];
            removeAt(i);
            return old;
        }

        @Override
        public void clear() {
            if (large != null) {
                large.clear();
                return;
            }
            Arrays.fill(keys, 0, size, null);
            Arrays.fill(values, 0, size, null);
            size = 0;
            modifications++;
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            return large != null ? large.entrySet() : new Entries();
        }

        private int indexOf(Object key) {
            for (int i = 0; i < size; i++) {
                if (keys[i] == key || keys[i].equals(key)) { // field names are interned: usually the same object
                    return i;
                }
            }
            return -1;
        }

        private void removeAt(int i) {
            System.arraycopy(keys, i + 1, keys, i, size - i - 1);
            System.arraycopy(values, i + 1, values, i, size - i - 1);
            size--;
            keys[size] = null;
            values[size] = null;
            modifications++;
        }

        private final class Entries extends AbstractSet<Map.Entry<String, JsonNode>> {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, JsonNode>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;
                    private int expected = modifications;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, JsonNode> next() {
                        if (expected != modifications || large != null) {
                            throw new ConcurrentModificationException();
                        }
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new Field(last);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                        expected = modifications;
                    }
                };
            }
        }

        /** A live view of one field, as a map's entries are. */
        private final class Field implements Map.Entry<String, JsonNode> {
            private final int at;

            Field(int at) {
                this.at = at;
            }

            @Override
            public String getKey() {
                return keys[at];
            }

            @Override
            public JsonNode getValue() {
                return values[at];
            }

            @Override
            public JsonNode setValue(JsonNode value) {
                JsonNode old = values[at];
                values[at] = value;
                return old;
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Map.Entry<?, ?> e && Objects.equals(getKey(), e.getKey())
                        && Objects.equals(getValue(), e.getValue());
            }

            @Override
            public int hashCode() {
                return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
            }
        }
    }
}
