/**
 * Personal data in conversation text: {@link org.transcriptsearch.privacy.PiiRedaction} replaces what the
 * {@code privacy:} section ({@link org.transcriptsearch.privacy.PrivacyConfig}) asks for with a placeholder
 * and reports the kinds found, for a message's {@code pii} field.
 *
 * <p>Detected: e-mail addresses; phone numbers of Korea, Japan, mainland China, Taiwan, Hong Kong, the US and
 * the UK in their domestic shapes and any number in international form ({@code +}, E.164); payment card
 * numbers (network ranges and Luhn); IBANs (mod 97); Korean resident registration numbers, Japanese My
 * Numbers and Chinese resident identity numbers (check digits, birth dates); IPv4 and IPv6 addresses; and
 * the user's own regular expressions. Full-width digits, letters, {@code ＠} and dashes are matched through
 * a normalised copy, and the placeholder replaces the characters as the user wrote them.
 *
 * <p>Not detected, on purpose or for want of a reliable signal:
 * <ul>
 * <li>names of people, street addresses, postal codes, dates of birth on their own, bank account numbers
 *     other than IBANs, passport and driving licence numbers;</li>
 * <li>obfuscated forms ({@code name (at) domain}, digits spelled out in words, {@code 공일공});</li>
 * <li>phone numbers run into other digits, or standing in the middle of a space-separated run of digit
 *     groups that is not itself a number ({@code 9400 1707 2483 0271}); landlines written without any
 *     separator and without a word such as "tel" or "電話" nearby; Hong Kong numbers (8 digits) without
 *     {@code +852} or such a word; US numbers not grouped 3-3-4; representative numbers such as
 *     {@code 1588-1234};</li>
 * <li>13-digit Visa numbers (no longer issued) and cards outside the listed networks' ranges;</li>
 * <li>My Numbers with no word naming them nearby (one random 12-digit number in eleven passes the check
 *     digit, and 12-digit parcel tracking numbers are everywhere in Japanese messages); Chinese 15-digit
 *     first-generation ids; Korean resident numbers issued since October 2020 to people born earlier, whose
 *     random last digit may fail the check;</li>
 * <li>IBANs written in lower case; four-part version numbers without a {@code v} ({@code 1.2.3.4}) are taken
 *     for IPv4 addresses.</li>
 * </ul>
 * User patterns are matched against the text as written, not the normalised copy.
 */
package org.transcriptsearch.privacy;
