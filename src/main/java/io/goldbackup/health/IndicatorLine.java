package io.goldbackup.health;

/**
 * One of the four health indicators in words, for people: the dashboard shows these.
 *
 * @param key a stable key: {@code recent}, {@code multiple}, {@code storage}, {@code frequency}
 * @param name the indicator in words
 * @param ok whether it passes
 * @param figure the figure behind it and its threshold
 */
public record IndicatorLine(String key, String name, boolean ok, String figure) {
}
