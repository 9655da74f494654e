/**
 * The two documents the product stores, as records that serialise exactly to the fields of
 * {@code mappings/messages.json} and {@code mappings/conversations.json}.
 *
 * <p>Absent means absent: a field the vendor does not give is {@code null} and is left out of the JSON
 * (empty strings, lists and maps are normalised to {@code null} by the records themselves), never
 * written as zero or empty. Document ids come from {@link org.transcriptsearch.document.DocumentIds}.
 */
package org.transcriptsearch.document;
