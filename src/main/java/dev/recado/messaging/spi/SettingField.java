package dev.recado.messaging.spi;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One provider setting as a form asks for it: its name (the API's), what kind of input it takes,
 * whether the provider requires it, the values a choice offers, and whether it belongs with the
 * rarely changed ones. Secrets are never shown back; a form leaves an empty one as it was.
 */
public record SettingField(String name, Kind kind, boolean required, List<String> choices, boolean advanced) {

    public enum Kind {
        TEXT, SECRET, NUMBER, CHOICE, BOOLEAN, MULTILINE, SECRET_MULTILINE, LIST
    }

    public SettingField {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static SettingField text(String name) {
        return new SettingField(name, Kind.TEXT, false, List.of(), false);
    }

    public static SettingField secret(String name) {
        return new SettingField(name, Kind.SECRET, false, List.of(), false);
    }

    public static SettingField number(String name) {
        return new SettingField(name, Kind.NUMBER, false, List.of(), false);
    }

    public static SettingField choice(String name, String... choices) {
        return new SettingField(name, Kind.CHOICE, false, List.of(choices), false);
    }

    public static SettingField of(String name, Kind kind) {
        return new SettingField(name, kind, false, List.of(), false);
    }

    public SettingField asRequired() {
        return new SettingField(name, kind, true, choices, advanced);
    }

    public SettingField asAdvanced() {
        return new SettingField(name, kind, required, choices, true);
    }

    public boolean hidden() {
        return kind == Kind.SECRET || kind == Kind.SECRET_MULTILINE;
    }

    /** What a factory that says no more declares: its names in order, secrets hidden, the rest text. */
    public static List<SettingField> plain(Set<String> names, Set<String> secrets) {
        return new TreeSet<>(names).stream().map(n -> secrets.contains(n) ? secret(n) : text(n)).toList();
    }
}
