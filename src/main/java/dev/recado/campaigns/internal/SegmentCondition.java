package dev.recado.campaigns.internal;

/** One audience condition as the API states it: {@code {"field": "tag", "op": "has", "value": "vip"}}. */
record SegmentCondition(String field, String op, Object value) {
}
